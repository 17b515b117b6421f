"""What every rule kind works on, in one import: cases, operands, interval values, evidence (from rules.cases)."""

from keneng_audit.rules.cases import (MISSING, YEAR_RE, Cases, Evidence, NotEvaluated, Operand, Val, period_of,  # noqa: F401
                                      show, term, values_of, where_located)
