"""Exact decimals in every database.

SQLite has no decimal type: a NUMERIC column holds a float, and SUM() adds floats. So on SQLite a
fixed-point value is stored as an integer count of its smallest unit (cents for money), which keeps
sums and comparisons in SQL exact; on PostgreSQL it is a real NUMERIC(p, s). Python sees a Decimal.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger, Numeric
from sqlalchemy.types import TypeDecorator


class FixedDecimal(TypeDecorator):
    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = 12, scale: int = 2):
        super().__init__(precision=precision, scale=scale, asdecimal=True)
        self.precision, self.scale = precision, scale
        self._unit = Decimal(1).scaleb(-scale)
        self._factor = 10**scale

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money must be a Decimal, never a float")
        exact = Decimal(value).quantize(self._unit, rounding=ROUND_HALF_UP)
        if dialect.name == "sqlite":
            return int(exact * self._factor)
        return exact

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":
            if isinstance(value, float):  # an aggregate such as AVG() came back as a float
                return Decimal(repr(value)).scaleb(-self.scale).quantize(self._unit, rounding=ROUND_HALF_UP)
            return Decimal(int(value)).scaleb(-self.scale).quantize(self._unit)
        return Decimal(value).quantize(self._unit)

    def coerce_compared_value(self, op, value):
        return self

    def __repr__(self) -> str:
        return f"FixedDecimal({self.precision}, {self.scale})"
