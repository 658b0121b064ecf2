"""Command line: archadvisor design | check | validate | schema | rules | explain | quiz | gallery.

Imports are deferred to each command so that ``validate`` and ``schema``
start fast and never load the rendering stack.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path
from typing import Callable, NoReturn, Sequence

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


class UsageError(Exception):
    """A command was given arguments it cannot use; exit status 2."""


def _print_problems(error) -> None:
    for problem in error.problems:
        print(str(problem), file=sys.stderr)
    count = len(error.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", file=sys.stderr)


def _load_each(paths: Sequence[str]) -> tuple[list, bool]:
    """The (path, workload) of each file that loads, and whether any was refused (its problems are printed)."""
    from .workload import WorkloadError, load

    loaded, refused = [], False
    for path in paths:
        try:
            loaded.append((path, load(path)))
        except WorkloadError as error:
            _print_problems(error)
            refused = True
    return loaded, refused


def cmd_validate(args: argparse.Namespace) -> int:
    loaded, refused = _load_each(args.files)
    for path, workload in loaded:
        print(f"{path}: valid workload '{workload.name}'")
    return EXIT_INVALID if refused else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .workload.jsonschema import workload_schema

    print(json.dumps(workload_schema(), indent=2))
    return EXIT_OK


def cmd_design(args: argparse.Namespace) -> int:
    # One design is a few hundred thousand short-lived objects and few cycles: Python's cyclic
    # collector would walk them again and again for nothing (about 25 ms a run). Reference
    # counting still frees them; the collector is back on when the design is written.
    gc.disable()
    try:
        return _design(args)
    finally:
        gc.enable()


def _design(args: argparse.Namespace) -> int:
    from .workload import WorkloadError, load

    try:
        workload = load(args.file)
    except WorkloadError as error:
        _print_problems(error)
        return EXIT_INVALID
    started: list = []  # the diagram, if drawing has started (see _designed)
    try:
        return _designed(args, workload, started)
    finally:
        for drawing in started:  # stopped if it was not written (written, it is closed already)
            drawing.close()


def _designed(args: argparse.Namespace, workload, started: list) -> int:
    from .pipeline import design_document

    on_built, drawing_errors = None, ()
    if args.format == "files" and not args.no_diagram:
        from .render import start_diagram
        from .render.graphviz import RenderError

        # Graphviz starts drawing as soon as the components are known: the checks, the cost estimate and
        # the reports are made while it draws.
        def start(built: dict) -> None:
            started.append(start_diagram(built))
        on_built, drawing_errors = start, (RenderError,)
    try:
        doc = design_document(workload, on_built=on_built)
    except drawing_errors as error:  # Graphviz missing, or failing at once
        print(f"archadvisor design: could not draw the diagram: {error}; nothing was written", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:
        from .check import DesignInvalid  # not before: Graphviz starts sooner without the checks loaded

        if not isinstance(error, DesignInvalid):
            raise
        print(f"archadvisor design: {error}\nnothing was written", file=sys.stderr)
        return EXIT_FAILED
    if args.format == "json":
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        sys.stdout.flush()  # here, so that a full disk is reported (see main), not lost at exit
        return _fail_on(args, doc)
    if args.format == "cloudformation":
        from .cloudformation import generate, to_yaml
        from .pipeline import resolved
        result = generate(doc, resolved(workload, doc))
        sys.stdout.write(to_yaml(result.templates["template.yaml"]))
        return EXIT_OK
    from .pipeline import write_design
    from .publish import OutputBlocked
    from .render.diagram import RenderError
    from .render.report import ReportError

    template_dir = Path(args.template_dir) if args.template_dir else None
    if template_dir is not None and not template_dir.is_dir():
        raise UsageError(f"--template-dir {template_dir} is not a folder")
    output = Path(args.output)
    if output.is_symlink() and not output.exists():
        raise UsageError(f"-o {output} is a symbolic link to {os.readlink(output)}, which does not exist")
    if output.exists() and not output.is_dir():
        raise UsageError(f"-o {output} is a file; give a folder")
    try:
        folder = write_design(workload, doc, output, template_dir=template_dir,
                              formats=None if not args.no_diagram else (), drawing=started[0] if started else None)
    except OutputBlocked as error:
        print(f"archadvisor design: {error}; nothing was written", file=sys.stderr)
        return EXIT_INVALID
    except RenderError as error:
        print(f"archadvisor design: could not draw the diagram: {error}; nothing was written", file=sys.stderr)
        return EXIT_FAILED
    except ReportError as error:
        where = f" (line {error.lineno})" if error.lineno else ""
        print(f"archadvisor design: report template error{where}: {error}; nothing was written", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(f"archadvisor design: cannot write {output}: {error.strerror or error}; nothing was written",
              file=sys.stderr)
        return EXIT_FAILED
    print(f"wrote {folder}/")
    for item in sorted(p.name for p in folder.iterdir()):
        print(f"  {item}")
    return _fail_on(args, doc)


def _fail_on(args: argparse.Namespace, doc: dict) -> int:
    """``--fail-on SEVERITY``: 1 when a warning at or above it exists (the design is written either way)."""
    if not getattr(args, "fail_on", None):
        return EXIT_OK
    from .render.review import at_or_above

    found = at_or_above(doc, args.fail_on)
    if found:
        print(f"archadvisor design: {len(found)} warning{'s' if len(found) != 1 else ''} of severity "
              f"{args.fail_on} or above (--fail-on {args.fail_on})", file=sys.stderr)
        return 1
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Design each workload and check the architecture against every invariant; nothing is written."""
    from .check import invariants

    if args.list:
        for item in invariants():
            print(f"{item.id}  {item.title}\n    {item.fact}\n    source: {item.source}")
        return EXIT_OK
    if not args.files:
        raise UsageError("give one or more workload files, or --list")
    from .pipeline import design_document

    loaded, refused = _load_each(args.files)
    status, total = (EXIT_INVALID if refused else EXIT_OK), 0
    for path, workload in loaded:
        checks = design_document(workload, strict=False)["checks"]
        for violation in checks["violations"]:
            print(f"{path}: {violation['invariant']}: {violation['message']}")
        count = len(checks["violations"])
        total += count
        print(f"{path}: {len(invariants())} invariants, {count} violation{'s' if count != 1 else ''}")
        if count and status == EXIT_OK:
            status = EXIT_FAILED
    if len(args.files) > 1:
        print(f"{len(args.files)} files, {total} violation{'s' if total != 1 else ''}")
    return status


def cmd_rules(args: argparse.Namespace) -> int:
    from .rules import validated as concerns  # the listing also checks the rule base's form

    selected = [c for c in concerns() if not args.concern or c.id in args.concern]
    if args.concern:
        unknown = set(args.concern) - {c.id for c in concerns()}
        if unknown:
            raise UsageError(f"unknown concern {', '.join(sorted(unknown))}; "
                             f"valid: {', '.join(c.id for c in concerns())}")
    width = max(len(rule.id) for c in selected for rule in c.rules)
    for concern in selected:
        for rule in concern.rules:
            print(f"{rule.id:<{width}}  {concern.id:<22}  {rule.kind:<9}  {rule.title}")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from .explain import explain_rule
    from .rules import rules

    catalogue = rules()
    if args.rule not in catalogue:
        import difflib

        close = difflib.get_close_matches(args.rule, list(catalogue), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `archadvisor rules` lists them"
        raise UsageError(f"no rule {args.rule!r}{hint}")
    print(explain_rule(catalogue[args.rule]))
    return EXIT_OK


def _design_arguments(design: argparse.ArgumentParser) -> None:
    design.add_argument("file", help="workload YAML file")
    design.add_argument("-o", "--output", default="out", help="output folder (default: out/)")
    design.add_argument("--format", choices=("files", "json", "cloudformation"), default="files",
                        help="files: write OUT/<name>/ (default); json: print the decisions document on stdout; "
                             "cloudformation: print the primary region's CloudFormation template on stdout")
    design.add_argument("--template-dir", help="folder with report.md.j2 / report.html.j2 to use instead")
    design.add_argument("--no-diagram", action="store_true", help=argparse.SUPPRESS)
    design.add_argument("--fail-on", choices=("high", "medium", "low"),
                        help="exit 1 (after writing) when a warning of this severity or above exists, for CI")
    design.set_defaults(run=cmd_design)


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(run=cmd_validate)


def _schema_arguments(schema: argparse.ArgumentParser) -> None:
    schema.set_defaults(run=cmd_schema)


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("files", nargs="*", metavar="FILE")
    check.add_argument("--list", action="store_true", help="list the invariants with their AWS facts and sources")
    check.set_defaults(run=cmd_check)


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("--concern", action="append", help="only this concern (repeatable)")
    rules.set_defaults(run=cmd_rules)


def _explain_arguments(explain: argparse.ArgumentParser) -> None:
    explain.add_argument("rule", metavar="RULE_ID")
    explain.set_defaults(run=cmd_explain)


# command -> (its help line, what adds its arguments), in the order of --help
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "design": ("decide, draw and report on a workload", _design_arguments),
    "validate": ("check workload files; exit 0 when valid, 2 when not", _validate_arguments),
    "schema": ("print the JSON Schema of the workload format", _schema_arguments),
    "check": ("check the designed architecture against the invariants of a valid AWS architecture; exit 0 when "
              "none is broken, 1 when one is, 2 for bad input", _check_arguments),
    "rules": ("list the rules: id, concern, kind, title", _rules_arguments),
    "explain": ("a rule's rationale, conditions, thresholds and sources", _explain_arguments),
}


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. When ``argv`` names a command, only that command's arguments are set up
    (with the quiz and gallery commands' modules not imported): ``design`` reaches Graphviz about 3 ms
    sooner. Anything else (no command, --help, --version, a misspelt command) gets the whole parser, so
    that help and errors list every command."""
    from . import __version__

    argv = sys.argv[1:] if argv is None else list(argv)
    named = argv[0] if argv and argv[0] in set(_COMMANDS) | set(_EXTRA_HELP) else None
    parser = argparse.ArgumentParser(
        prog="archadvisor",
        description="Turn a description of what a system needs into an AWS architecture, and explain every choice.")
    parser.add_argument("--version", action="version", version=f"archadvisor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, (help_line, arguments) in _COMMANDS.items():
        if named in (None, name):
            arguments(sub.add_parser(name, help=help_line))
    extra = _extra_commands(None if named is None else {named})
    if named in _EXTRA_HELP and not extra:  # an optional command that is not installed: the whole list
        return _parser([])
    for name, register in extra:
        register(sub.add_parser(name, help=_EXTRA_HELP[name]))
    return parser


_EXTRA_HELP = {
    "quiz": "exam-practice questions drawn from the rules",
    "gallery": "render every workload in a folder and write an index page",
}


def _extra_commands(names: set[str] | None = None) -> list[tuple[str, Callable[[argparse.ArgumentParser], None]]]:
    """(name, what registers its arguments) of the optional commands that are installed, of ``names`` only if given."""
    found = []
    for name in _EXTRA_HELP:
        if names is not None and name not in names:
            continue
        try:
            module = __import__(f"archadvisor.{name}.command", fromlist=["register"])
        except ModuleNotFoundError as error:
            if error.name and error.name.startswith(f"archadvisor.{name}"):
                continue
            raise
        found.append((name, module.register))
    return found


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so staging folders and Graphviz children are cleaned up."""


_terminated = False


def _on_terminate(signum, frame) -> None:
    global _terminated
    _terminated = True
    if _in_fork_hook(frame):
        # An exception raised in a fork hook (logging's lock release around each Graphviz start) is
        # printed and ignored: deliver the signal again once the fork is done.
        import threading

        threading.Timer(0.02, os.kill, (os.getpid(), signum)).start()
        return
    raise Terminated()


def _in_fork_hook(frame) -> bool:
    logging = sys.modules.get("logging")  # its hooks release a lock in the parent after each fork
    while logging is not None and frame is not None:
        if frame.f_code.co_filename == logging.__file__:
            return True
        frame = frame.f_back
    return False


def _catch_termination() -> None:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_terminate)


def run() -> NoReturn:
    """The console script and ``python -m archadvisor``: :func:`main`, then leave at once.

    Everything is written and closed when main returns; tearing down the
    interpreter (every module of Jinja2, PyYAML, diagrams) would only add
    about 30 ms to each command.
    """
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # a reader that went away: nothing left to tell
        pass
    except OSError as error:  # a full disk or a device error: the output is incomplete
        _report_unwritten(error)
        status = status or EXIT_FAILED
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(status)


def _report_unwritten(error: OSError) -> None:
    try:
        print(f"archadvisor: cannot write to standard output: {error.strerror or error}", file=sys.stderr)
    except OSError:
        pass


def main(argv: Sequence[str] | None = None) -> int:
    _catch_termination()
    try:
        args = _parser(argv).parse_args(argv)
    except Terminated:  # while the commands were being imported
        print("terminated", file=sys.stderr)
        return 143
    try:
        status = args.run(args)
        if _terminated:  # the signal came when it could not stop the run, which finished its work
            raise Terminated()
        return status
    except UsageError as error:
        print(f"archadvisor {args.command}: {error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("terminated", file=sys.stderr)
        return 143
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        if not _is_stdout_error(error):
            return _internal_error(args, error)
        _report_unwritten(error)
        return EXIT_FAILED
    except Exception as error:  # never show a traceback to a user
        return _internal_error(args, error)


def _is_stdout_error(error: OSError) -> bool:
    """Whether an error is a full disk or a device error with no file named: writing standard output
    (design's files are written inside write_design, whose errors name the file or are caught there)."""
    import errno

    return error.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG) and error.filename is None


def _internal_error(args: argparse.Namespace, error: BaseException) -> int:
    if os.environ.get("ARCHADVISOR_DEBUG"):
        raise error
    print(f"archadvisor {args.command}: internal error: {type(error).__name__}: {error}\n"
          "(set ARCHADVISOR_DEBUG=1 to see the traceback; please report it)", file=sys.stderr)
    return EXIT_FAILED
