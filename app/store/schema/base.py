"""The one MetaData every table of the till's store is declared on, and the id column most of them share."""

from __future__ import annotations

from sqlalchemy import Column, MetaData, Text

metadata = MetaData()


def id_column() -> Column[str]:
    return Column("id", Text, primary_key=True)
