"""Search as you type over a million products: prefix indexes for 1 to 8 letters, not 1 to 3.

FTS5 answers a prefix it has a prefix index for by reading that index's
doclist lazily, so ``LIMIT 30`` stops after 30 rows. A longer prefix ("make",
"maker") it answers by merging the doclists of every term that starts with it,
all of them, before the limit applies: when most products share a word (every
product's maker is "Maker ..."), that is the whole catalog (about 22 ms at
1,000,000 products). With prefix indexes up to 8 letters, every word typed up to
8 letters is read lazily (docs/benchmarks.md, "Search at a million products").

FTS5 cannot change a table's prefix option, so the table is made again and
filled with exactly the entries it held (products kept out of search, such as
custom amounts and gift cards, stay out), in rowid order, in one statement.

Revision ID: 0028
Revises: 0027
"""

from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

COLUMNS = "name, variant, sku, maker, category"
TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"


def _rebuild(prefix: str) -> None:
    op.execute("ALTER TABLE product_search RENAME TO product_search_before")
    op.execute(f"CREATE VIRTUAL TABLE product_search USING fts5({COLUMNS}, prefix = '{prefix}', {TOKENIZER})")
    op.execute(
        f"INSERT INTO product_search (rowid, {COLUMNS})"
        f" SELECT rowid, {COLUMNS} FROM product_search_before ORDER BY rowid"
    )
    op.execute("DROP TABLE product_search_before")


def upgrade() -> None:
    _rebuild("1 2 3 4 5 6 7 8")


def downgrade() -> None:
    _rebuild("1 2 3")
