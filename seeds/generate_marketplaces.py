#!/usr/bin/env python3
"""Generates the seeded state of the simulated marketplaces (seeds/marketplaces/<platform>.json) from the
seed catalog (seeds/quang-ninh-catalog.csv).

It reproduces the province's reports: of the 393 eligible products, 160 are live on Voso, 108 on Postmart
and 393 on the provincial portal. Around them, what real shops look like after years of hand-keeping:
listings whose price or stock drifted from the catalog, listings waiting for review or rejected, listings
switched off, listings of products that are no longer eligible, and a few remote listings with no catalog
product at all.

Deterministic: one seeded random generator, a fixed clock. `python3 seeds/generate_marketplaces.py`
"""
import csv
import datetime
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = datetime.date(2026, 11, 24)
SEEDED_AT = "2026-11-20T08:00:00Z"

# platform: (live eligible, pending review, rejected, inactive, price drift, stock drift,
#            live listings of ineligible products, orphans, category prefix, title limit, rejection reasons)
PLATFORMS = {
    "voso": dict(live=160, pending=14, rejected=9, inactive=6, price_drift=11, stock_drift=17, ineligible=7, orphans=4,
                 prefix="voso", title_max=120,
                 reasons=["Ảnh sản phẩm không đạt yêu cầu (nền không trắng)", "Thiếu giấy chứng nhận an toàn thực phẩm",
                          "Tên sản phẩm chứa từ khóa không được phép"]),
    "postmart": dict(live=108, pending=10, rejected=7, inactive=4, price_drift=8, stock_drift=12, ineligible=5, orphans=3,
                     prefix="pm", title_max=150,
                     reasons=["Thiếu kích thước đóng gói", "Giá bán không hợp lệ so với giá niêm yết",
                              "Danh mục không phù hợp"]),
    "portal": dict(live=393, pending=0, rejected=0, inactive=0, price_drift=5, stock_drift=9, ineligible=0, orphans=0,
                   prefix="qn", title_max=200, reasons=[]),
}
CATEGORY = {"food": "food", "beverage": "beverage", "herbs-medicinal": "herbs", "handicraft-textile": "craft"}


def read_catalog():
    products = {}
    with open(os.path.join(HERE, "quang-ninh-catalog.csv"), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            product = products.setdefault(row["sku"], dict(row, variants=[]))
            product["variants"].append(row)
    return [products[sku] for sku in sorted(products)]


def eligible(product):
    return (3 <= int(product["stars"]) <= 5 and TODAY < datetime.date.fromisoformat(product["rating_expires_on"])
            and product["group"] != "tourism-service" and product["withdrawn"] != "true")


def listing(number, product, variant, config, status, reason=None, price=None, stock=None):
    title = product["name"] if len(product["variants"]) == 1 else f"{product['name']} – {variant['pack_size']}"
    dims = [int(product[k]) for k in ("length_mm", "width_mm", "height_mm")] if product["length_mm"] else None
    return {
        "id": f"L{number:07d}", "sku": variant["variant_sku"], "barcode": product["gtin"] or None,
        "title": title[:config["title_max"]], "description": product["description"],
        "category_id": f"{config['prefix']}-{CATEGORY.get(product['group'], 'food')}",
        "price": price if price is not None else int(variant["price_vnd"]),
        "stock": stock if stock is not None else int(variant["stock"]), "stock_as_of": SEEDED_AT,
        "images": product["image_urls"].split(" ") if product["image_urls"] else [],
        "weight_grams": int(product["weight_g"]) if product["weight_g"] else None, "dimensions": dims,
        "status": status, "status_reason": reason, "created_at": SEEDED_AT, "updated_at": SEEDED_AT,
    }


def generate(platform, config, catalog, rng):
    good = [p for p in catalog if eligible(p)]
    bad = [p for p in catalog if not eligible(p) and p["group"] != "tourism-service"]
    rng.shuffle(good)
    live = good[:config["live"]]
    rest = good[config["live"]:]
    pending = rest[:config["pending"]]
    rejected = rest[config["pending"]:config["pending"] + config["rejected"]]
    inactive = rest[config["pending"] + config["rejected"]:config["pending"] + config["rejected"] + config["inactive"]]
    price_drift = set(p["sku"] for p in rng.sample(live, config["price_drift"]))
    stock_drift = set(p["sku"] for p in rng.sample(live, config["stock_drift"]))
    listings = []

    def add(product, status, reason=None):
        for variant in product["variants"]:
            price = stock = None
            if product["sku"] in price_drift:
                price = int(variant["price_vnd"]) + rng.choice([-1, 1]) * rng.randint(1, 5) * 5000
            if product["sku"] in stock_drift:
                stock = max(0, int(variant["stock"]) + rng.randint(-30, 40))
            listings.append(listing(len(listings) + 1, product, variant, config, status, reason, price, stock))

    for product in live:
        add(product, "live")
    for product in pending:
        add(product, "pending_review")
    for index, product in enumerate(rejected):
        add(product, "rejected", config["reasons"][index % len(config["reasons"])])
    for product in inactive:
        add(product, "inactive")
    for product in rng.sample(bad, config["ineligible"]):
        add(product, "live")
    for index in range(config["orphans"]):
        number = len(listings) + 1
        listings.append({
            "id": f"L{number:07d}", "sku": f"SHOP-{platform.upper()}-{index + 1:03d}", "barcode": None,
            "title": f"Sản phẩm đăng tay, không có trong danh mục OCOP ({index + 1})", "description": None,
            "category_id": f"{config['prefix']}-food", "price": 50000 + 10000 * index, "stock": 10 + index,
            "stock_as_of": SEEDED_AT, "images": [], "weight_grams": None, "dimensions": None, "status": "live",
            "status_reason": None, "created_at": SEEDED_AT, "updated_at": SEEDED_AT})
    live_eligible = len({p["sku"] for p in live})
    return {
        "platform": platform,
        "credentials": {"client_id": f"ocopsync-demo-{platform}", "client_secret": f"demo-secret-{platform}-not-for-production",
                        "webhook_secret": f"demo-webhook-{platform}-not-for-production"},
        "listings": listings, "orders": [],
    }, live_eligible


def main():
    catalog = read_catalog()
    out_dir = os.path.join(HERE, "marketplaces")
    os.makedirs(out_dir, exist_ok=True)
    for platform, config in PLATFORMS.items():
        rng = random.Random(f"ocopsync-{platform}")
        state, live_eligible = generate(platform, config, catalog, rng)
        with open(os.path.join(out_dir, f"{platform}.json"), "w", encoding="utf-8") as handle:
            json.dump(state, handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.write("\n")
        print(f"{platform}: {len(state['listings'])} listings, {live_eligible} eligible products live")


if __name__ == "__main__":
    main()
