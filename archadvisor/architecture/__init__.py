"""Decisions -> the drawn architecture: groups, components and links."""
from .build import build
from .model import Architecture, Component, Group, Link, decision_key

__all__ = ["Architecture", "Component", "Group", "Link", "build", "decision_key"]
