"""keneng-audit: audits the numbers in vocational schools' annual quality reports."""

__version__ = "0.1.0"
