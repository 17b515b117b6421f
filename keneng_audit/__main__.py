"""Allows `python -m keneng_audit`."""

from keneng_audit.cli import main

main()
