"""Group buys set by a manager on a till: the change in force per group buy (docs/group_buys.md).

A ``group_buy.changed`` record from a till (or the hub's own command) is kept
only if it is later than the one in force, by ``changed_at`` then
``change_id``, as price rules are. Group buys made before this revision have
none: the first change of one is always later. A cancelled group buy is the
state ``cancelled``, a text like the others, so no column changes for it.

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("group_buys") as batch:
        batch.add_column(sa.Column("changed_at", sa.Text(), nullable=True))
        batch.add_column(sa.Column("change_id", sa.Text(), nullable=True))
        batch.add_column(sa.Column("changed_by", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("group_buys") as batch:
        batch.drop_column("changed_by")
        batch.drop_column("change_id")
        batch.drop_column("changed_at")
