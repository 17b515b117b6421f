"""Tests of the rule files, the rule kinds and their loader."""
