"""Priced sale lines: each sold line keeps its markdown and its bundle discount apart, with their rule ids.

``line_discount`` stays the discount staff typed and ``cart_discount_share``
the line's share of the cart discount; ``markdown`` and ``bundle`` (minor
units) are what the automatic prices took off before them, ``markdown_id`` the
markdown that applied and ``bundle_ids`` the bundles (a JSON list), both NULL
when none did (docs/pricing_rules.md, "The sale record"). Sales written before
have 0 and NULL: they had no automatic prices.

Other tills' sales carry the same per line (``sale.completed`` schema 2); the
event report sums them per rule from ``pulled_automatic_discounts``
(sync/price_figures.py), filled here from the sales already pulled.

Revision ID: 0021
Revises: 0020
"""

import json

import sqlalchemy as sa
from alembic import op

from sync.price_figures import AUTOMATIC_COLUMNS, automatic_rows

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

_AMOUNTS = ("markdown", "bundle")
_RULES = ("markdown_id", "bundle_ids")


def upgrade() -> None:
    # Plain ADD COLUMN: sale_lines keeps its rows and its append-only triggers (migration 0001).
    for name in _AMOUNTS:
        op.add_column("sale_lines", sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    for name in _RULES:
        op.add_column("sale_lines", sa.Column(name, sa.Text(), nullable=True))
    op.create_table(
        "pulled_automatic_discounts",
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
    )
    connection = op.get_bind()
    rows = [
        row
        for (payload,) in connection.execute(sa.text("SELECT payload FROM foreign_sales"))
        for row in automatic_rows(json.loads(payload))
    ]
    if rows:
        target = sa.table("pulled_automatic_discounts", *(sa.column(c) for c in AUTOMATIC_COLUMNS))
        connection.execute(target.insert(), [dict(zip(AUTOMATIC_COLUMNS, row, strict=True)) for row in rows])


def downgrade() -> None:
    op.drop_table("pulled_automatic_discounts")
    # SQLite (3.35 and later) drops a column in place: no table copy that would lose the triggers.
    for name in (*_RULES, *_AMOUNTS):
        op.drop_column("sale_lines", name)
