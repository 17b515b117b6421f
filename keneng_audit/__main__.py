"""Allows `python -m keneng_audit`."""

from keneng_audit.startup import main

main()
