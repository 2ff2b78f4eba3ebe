"""The drops this till knows (the hub's feed) and what it sold of them (docs/drops.md)."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, Table, Text

from app.store.schema.base import metadata

# Each drop as the hub last fed it (the ``drop`` change): ``skus`` is a JSON list, ``counter_sold`` a JSON
# object of units sold at the counter per till code as the hub knows it.
drops = Table(
    "drops",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("skus", Text, nullable=False),
    Column("release_at", Text, nullable=False),
    Column("online_allocation", Integer, nullable=False),
    Column("counter_allocation", Integer, nullable=False),
    Column("per_sale_cap", Integer),
    Column("per_customer_cap", Integer),
    Column("counter_sold", Text, nullable=False),
    Column("changed_at", Text, nullable=False),
)

# This till's own sales of drop units, one row per sale and drop, with the customer's salted hash if given;
# written in the sale's transaction, never changed (append-only like the sale).
drop_sales = Table(
    "drop_sales",
    metadata,
    Column("sale_id", Text, primary_key=True),
    Column("drop_id", Text, primary_key=True),
    Column("units", Integer, nullable=False),
    Column("customer", Text),
    Column("sold_at", Text, nullable=False),
    Index("ix_drop_sales_customer", "drop_id", "customer"),
)

# The customer given for the open cart (its salted hash), until the sale takes it or the cart goes.
drop_cart_customers = Table(
    "drop_cart_customers",
    metadata,
    Column("cart_id", Text, primary_key=True),
    Column("customer", Text, nullable=False),
    Column("shown_as", Text, nullable=False),
)
