"""archadvisor: from what a system needs to an AWS architecture, with every choice explained."""
__version__ = "0.1.0"
