"""Workload files: the input contract, its units and its loader."""
from .loader import Problem, Workload, WorkloadError, load, parse_text

__all__ = ["Problem", "Workload", "WorkloadError", "load", "parse_text"]
