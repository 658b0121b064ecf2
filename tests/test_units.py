"""Every value format of the workload contract, valid and invalid."""
import pytest

from archadvisor.workload.units import Bandwidth, Duration, Percent, Rate, Size, UnitError

DAY = 86400


@pytest.mark.parametrize("text, seconds", [
    ("0s", 0), (0, 0), ("30s", 30), ("15m", 900), ("4h", 14400), ("2d", 2 * DAY), ("1w", 7 * DAY),
    ("3mo", 90 * DAY), ("7y", 7 * 365 * DAY), ("PT15M", 900), ("PT30S", 30), ("P1D", DAY), ("P1DT2H", DAY + 7200),
    ("P2W", 14 * DAY), ("1.5h", 5400), ("90 minutes", 5400), ("13w", 91 * DAY), ("pt1h", 3600),
])
def test_duration_valid(text, seconds):
    assert Duration.parse(text).seconds == seconds


@pytest.mark.parametrize("text", ["15", 15, "fast", "15 lightyears", "-5m", "P", "PT", "m", "", True, [1]])
def test_duration_invalid(text):
    with pytest.raises(UnitError):
        Duration.parse(text)


@pytest.mark.parametrize("text, size", [
    ("500 GB", 500e9), ("2 TB", 2e12), ("80TB", 80e12), ("10 PB", 10e15), ("1 EB", 1e18),
    ("1 TiB", 2**40), ("512MiB", 512 * 2**20), ("1.5 TB", 1.5e12), ("100 kb", 1e5),
])
def test_size_valid(text, size):
    assert Size.parse(text).bytes == size


@pytest.mark.parametrize("text", ["500", 500, "big", "5 GBs", "TB", "5 XB", "-1 GB"])
def test_size_invalid(text):
    with pytest.raises(UnitError):
        Size.parse(text)


@pytest.mark.parametrize("text, per_second", [
    ("3000/s", 3000), ("5k/s", 5000), ("2M/day", 2e6 / DAY), ("120/min", 2), ("50k/s", 50000),
    ("3600/h", 1), ("1.5k/s", 1500), ("10 / sec", 10), ("1B/month", 1e9 / (30 * DAY)),
])
def test_rate_valid(text, per_second):
    assert Rate.parse(text).per_second == pytest.approx(per_second)


@pytest.mark.parametrize("text", ["3000", 3000, "5k", "fast/s", "10/fortnight", "/s"])
def test_rate_invalid(text):
    with pytest.raises(UnitError):
        Rate.parse(text)


@pytest.mark.parametrize("text, bps", [
    ("100 Mbps", 100e6), ("1 Gbps", 1e9), ("10Gbps", 10e9), ("1.25 Gbps", 1.25e9), ("500 kbps", 5e5),
    ("2 Gbit/s", 2e9), ("250 MiB/s", 250 * 2**20 * 8), ("1 GiB/s", 2**30 * 8),
])
def test_bandwidth_valid(text, bps):
    assert Bandwidth.parse(text).bits_per_second == bps


@pytest.mark.parametrize("text, message", [
    ("100", "no unit"), (100, "no unit"), ("1 GB/s", "ambiguous"), ("fast", "not a bandwidth"),
])
def test_bandwidth_invalid(text, message):
    with pytest.raises(UnitError, match=message):
        Bandwidth.parse(text)


@pytest.mark.parametrize("text, value", [("99.95%", 99.95), ("99.9", 99.9), (99.9, 99.9), (100, 100), ("0%", 0)])
def test_percent_valid(text, value):
    assert Percent.parse(text).base == value


@pytest.mark.parametrize("text", ["101%", "ninety", "-1%", True])
def test_percent_invalid(text):
    with pytest.raises(UnitError):
        Percent.parse(text)


def test_quantities_keep_the_users_text_and_compare_by_value():
    assert Duration.parse("PT15M").text == "PT15M"
    assert Duration.parse("15m") == Duration.parse("PT15M")
    assert Duration.parse("59s") < Duration.parse("1m")


def _schema_accepts(kind: str, text) -> bool:
    import jsonschema

    from archadvisor.workload.jsonschema import workload_schema

    fields = {"duration": ("availability", "rto"), "size": ("hybrid", "migration", "data"),
              "rate": ("users", "peak_requests"), "bandwidth": ("network", "egress_bandwidth")}[kind]
    doc: dict = {"name": "x"}
    node = doc
    for key in fields[:-1]:
        node = node.setdefault(key, {})
    node[fields[-1]] = text
    return jsonschema.Draft202012Validator(workload_schema()).is_valid(doc)


@pytest.mark.parametrize("kind, parser, module_cases", [
    ("duration", Duration, "duration"), ("size", Size, "size"), ("rate", Rate, "rate"),
    ("bandwidth", Bandwidth, "bandwidth")])
def test_the_json_schema_agrees_with_the_parsers(kind, parser, module_cases):
    samples = {
        "duration": ["0s", "30s", "15m", "PT15M", "pt1h", "P1DT2H", "1.5h", "90 minutes", "15", "fast",
                     "15 lightyears", "m", "P", "PT", "P1", "p1d"],
        "size": ["500 GB", "80TB", "1 TiB", "512MiB", ".5 TB", "5 XB", "500", "TB"],
        "rate": ["3000/s", "5k/s", "2M/day", "120/min", "10 / sec", "3000", "10/fortnight", "/s"],
        "bandwidth": ["100 Mbps", "10Gbps", "1 GBPS", "2 Gbit/s", "100", "fast", "1 GB/s"],
    }[module_cases]
    for text in samples:
        try:
            parser.parse(text)
            parses = True
        except UnitError:
            parses = False
        assert _schema_accepts(kind, text) == parses, text
