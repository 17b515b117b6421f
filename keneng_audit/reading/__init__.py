"""Reads a report file (text, DOCX or PDF, chosen by content) into a Document."""
