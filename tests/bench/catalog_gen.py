"""A large, realistic catalog for benchmarks: 100,000 products in a real store, made through the import service."""

from __future__ import annotations

import random
from pathlib import Path

from app.bootstrap import Till, open_till
from app.domain.barcodes import gtin_check_digit
from app.services.demo import load_demo
from app.services.staff import list_staff

NOUNS = [
    "mug",
    "bowl",
    "plate",
    "vase",
    "candle",
    "scarf",
    "beanie",
    "mittens",
    "socks",
    "tote",
    "board",
    "spoon",
    "spatula",
    "coaster",
    "opener",
    "jar",
    "honey",
    "granola",
    "coffee",
    "tea",
    "syrup",
    "soap",
    "balm",
    "card",
    "print",
    "poster",
    "notebook",
    "pen",
    "wallet",
    "belt",
    "apron",
    "pillow",
    "throw",
    "lamp",
]
ADJECTIVES = [
    "blue",
    "red",
    "green",
    "speckled",
    "midnight",
    "rustic",
    "linen",
    "oak",
    "walnut",
    "beech",
    "olive",
    "brass",
    "copper",
    "wool",
    "merino",
    "organic",
    "small",
    "large",
    "tall",
    "wide",
    "round",
    "square",
    "striped",
    "checked",
    "glazed",
    "raw",
    "smoked",
    "spiced",
    "wild",
    "forest",
    "alpine",
]
MAKERS = [
    f"Maker {name}"
    for name in ["Alder", "Birch", "Cedar", "Dune", "Ember", "Fjord", "Grove", "Heath", "Iris", "Juniper"]
]


def catalog_csv(count: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    rows = ["sku,name,variant,maker,category,tax_class,price,barcodes"]
    for number in range(1, count + 1):
        body = f"29{number:010d}"
        name = f"{rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS)}"
        variant = f"{rng.choice(ADJECTIVES)} {rng.randint(1, 99)}"
        price = f"{rng.randint(100, 20000) / 100:.2f}"
        rows.append(
            f"GEN-{number:06d},{name},{variant},{rng.choice(MAKERS)},Generated,standard,{price},{body}{gtin_check_digit(body)}"
        )
    return ("\n".join(rows) + "\n").encode()


def barcode(number: int) -> str:
    body = f"29{number:010d}"
    return f"{body}{gtin_check_digit(body)}"


def build_large_store(data_dir: Path, count: int = 100_000) -> Till:
    """The demo till plus ``count`` generated products, imported all at once like a real catalog file."""
    from app.services.catalog import import_catalog

    till = open_till(data_dir)
    load_demo(till.uow)
    manager = next(member.staff_id for member in list_staff(till.uow()) if member.name == "Alex")
    import_catalog(catalog_csv(count), manager, till.uow())
    return till
