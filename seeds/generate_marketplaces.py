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
import base64
import csv
import datetime
import hashlib
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
    # The four national marketplaces with a published seller API. The province publishes no figures for
    # them; these are plausible for cooperatives that opened shops in the e-commerce courses: Shopee, the
    # largest marketplace in Vietnam, carries the most; Sendo, much reduced since 2022, the fewest.
    "shopee": dict(live=96, pending=8, rejected=5, inactive=7, price_drift=9, stock_drift=14, ineligible=4, orphans=3,
                   id_base=2_300_000_000, title_max=120,
                   categories={"food": "100629", "beverage": "100630", "herbs-medicinal": "100631", "handicraft-textile": "100636"},
                   reasons=["Sản phẩm vi phạm chính sách đăng bán: thiếu giấy phép ATTP", "Hình ảnh có chứa thông tin liên hệ",
                            "Sai ngành hàng"]),
    "lazada": dict(live=41, pending=6, rejected=4, inactive=3, price_drift=4, stock_drift=6, ineligible=2, orphans=2,
                   id_base=2_100_000_000, title_max=255,
                   categories={"food": "10000337", "beverage": "10000338", "herbs-medicinal": "10000339", "handicraft-textile": "10000345"},
                   reasons=["QC rejected: missing brand", "QC rejected: image quality"]),
    "tiki": dict(live=57, pending=7, rejected=3, inactive=4, price_drift=5, stock_drift=8, ineligible=3, orphans=2,
                 id_base=270_000_000, title_max=255,
                 categories={"food": "4384", "beverage": "4385", "herbs-medicinal": "4386", "handicraft-textile": "1883"},
                 reasons=["Sản phẩm thiếu thông tin thương hiệu", "Hình ảnh chưa đạt chuẩn Tiki"]),
    "sendo": dict(live=22, pending=3, rejected=2, inactive=5, price_drift=3, stock_drift=4, ineligible=2, orphans=1,
                  id_base=41_000_000, title_max=255,
                  categories={"food": "2001", "beverage": "2002", "herbs-medicinal": "2003", "handicraft-textile": "2010"},
                  reasons=["Thiếu thông tin xuất xứ", "Ảnh sản phẩm không rõ nét"]),
    # TikTok Shop: cooperatives came later, mostly to sell through livestreams, so fewer products are live than on
    # Shopee and more wait for or failed TikTok's audit (every new product is reviewed).
    "tiktokshop": dict(live=34, pending=9, rejected=6, inactive=3, price_drift=4, stock_drift=7, ineligible=2, orphans=3,
                       id_base=1_729_000_000_000_000_000, title_max=255,
                       categories={"food": "600501", "beverage": "600502", "herbs-medicinal": "600503", "handicraft-textile": "600510"},
                       reasons=["Không đạt kiểm duyệt: ảnh chính có chữ hoặc logo chèn thêm",
                                "Không đạt kiểm duyệt: thiếu giấy chứng nhận an toàn thực phẩm",
                                "Không đạt kiểm duyệt: tên sản phẩm chứa thông tin gây hiểu nhầm"]),
}
# Shop ids and partner ids of the platforms that authorise per shop.
SHOP_CREDENTIALS = {
    "shopee": {"client_id": "2001887", "shop_id": "801234567"},
    "lazada": {"client_id": "120773", "shop_id": "200187654321"},
    "tiki": {"client_id": "ocopsync-demo-tiki", "shop_id": "172885"},
    "sendo": {"client_id": "ocopsync-demo-sendo", "shop_id": "930044"},
    # TikTok's shapes: a 13-character app key, a 40-hex app secret, a 19-digit shop id, the shop's cipher (what Get
    # Authorized Shops answers; the simulator derives it from the shop id the same way) and a TTP_ refresh token.
    "tiktokshop": {"client_id": "6e8q3kd2vbl7a", "client_secret": hashlib.sha1(b"ocopsync-demo-tiktokshop-app-secret").hexdigest(),
                   "shop_id": "7494049642642441621", "refresh_token": "TTP_ZGVtby1yZWZyZXNoLXRpa3Rva3Nob3Atbm90LWZvci1wcm9k"},
}
# Who can log in on the consent page of the platforms whose shops connect by their owner's consent: the
# seeded shop's owner, and the owner of another shop (a consent for the wrong shop is refused on Reconnect).
OTHER_SHOP = {
    "shopee": ("801234568", "Ba Kích Đắp Thanh Official"),
    "lazada": ("200187654322", "HTX Rượu Ba Kích Đắp Thanh"),
    "tiki": ("172886", "Ba Kích Đắp Thanh"),
    "tiktokshop": ("7494049642642441622", "Ba Kích Đắp Thanh Official Store"),
}


def tiktok_cipher(shop_id):
    """A shop's cipher as the TikTok Shop simulator gives it (TikTokShopMarketplace.cipher)."""
    digest = hashlib.sha256(f"ocopsync-tiktokshop-cipher:{shop_id}".encode()).digest()[:24]
    return "ROW_" + base64.b64encode(digest).decode().replace("+", "Q").replace("/", "k")


CATEGORY = {"food": "food", "beverage": "beverage", "herbs-medicinal": "herbs", "handicraft-textile": "craft"}


# Each marketplace's category tree and the attributes of its leaf categories, small but shaped as the
# platform's API gives them (adapters/<platform>/API.md): the simulator serves them and refuses a listing in
# a category that is not a leaf, or without a mandatory attribute. The ids are the simulator's own.
def attribute(id, name, mandatory, input, values=(), custom=False, units=(), per_variant=False):
    return {"id": id, "name": name, "mandatory": mandatory, "input": input, "allows_custom": custom,
            "values": [{"id": vid, "name": vname} for vid, vname in values], "units": list(units), "per_variant": per_variant}


def category_node(id, parent, name, leaf):
    return {"id": id, "parent_id": parent, "name": name, "is_leaf": leaf}


COUNTRIES = [("1001", "Việt Nam"), ("1002", "Trung Quốc"), ("1003", "Thái Lan"), ("1004", "Hàn Quốc"), ("1005", "Nhật Bản")]
SHELF_LIVES = [("2101", "6 tháng"), ("2102", "12 tháng"), ("2103", "18 tháng"), ("2104", "24 tháng")]
SHOPEE_ORIGIN = attribute("100037", "Xuất xứ", True, "choice", COUNTRIES)
SHOPEE_SHELF_LIFE = attribute("100095", "Hạn sử dụng", True, "choice", SHELF_LIVES, custom=True)
SHOPEE_WEIGHT = attribute("100010", "Trọng lượng", False, "number", units=("g", "kg"))
LAZADA_COMMON = [
    attribute("name", "Tên sản phẩm", True, "text"), attribute("brand", "Thương hiệu", True, "choice", custom=True),
    attribute("description", "Mô tả", False, "text"), attribute("short_description", "Điểm nổi bật", True, "text"),
    attribute("country_origin", "Xuất xứ", True, "choice", [("Vietnam", "Việt Nam"), ("China", "Trung Quốc"), ("Thailand", "Thái Lan")]),
    attribute("SellerSku", "SKU người bán", True, "text", per_variant=True),
    attribute("price", "Giá", True, "number", per_variant=True), attribute("quantity", "Số lượng", True, "number", per_variant=True),
    attribute("package_weight", "Khối lượng gói hàng (kg)", True, "number", per_variant=True),
    attribute("package_length", "Chiều dài gói hàng (cm)", True, "number", per_variant=True),
    attribute("package_width", "Chiều rộng gói hàng (cm)", True, "number", per_variant=True),
    attribute("package_height", "Chiều cao gói hàng (cm)", True, "number", per_variant=True),
]
TIKTOK_ORIGIN = attribute("100107", "Xuất xứ", True, "choice", COUNTRIES)
TIKTOK_SHELF_LIFE = attribute("100216", "Hạn sử dụng", True, "choice", SHELF_LIVES, custom=True)
TIKTOK_WEIGHT = attribute("100392", "Khối lượng tịnh", False, "number", units=("g", "kg"))
TIKI_COMMON = [
    attribute("brand", "Thương hiệu", True, "text"), attribute("origin", "Xuất xứ", True, "choice", COUNTRIES),
    attribute("brand_origin", "Xuất xứ thương hiệu", True, "choice", COUNTRIES),
]
CATEGORY_TREES = {
    "shopee": (
        [category_node("100620", None, "Thực phẩm và đồ uống", False),
         category_node("100629", "100620", "Đặc sản vùng miền", True),
         category_node("100621", "100620", "Đồ uống", False),
         category_node("100630", "100621", "Trà, cà phê & thảo mộc pha uống", True),
         category_node("100631", "100620", "Thực phẩm bổ dưỡng & thảo dược", True),
         category_node("100635", None, "Nhà cửa & Đời sống", False),
         category_node("100636", "100635", "Đồ thủ công mỹ nghệ", True),
         category_node("100637", "100635", "Dụng cụ nhà bếp", True)],
        {"100629": [SHOPEE_ORIGIN, SHOPEE_WEIGHT], "100630": [SHOPEE_ORIGIN, SHOPEE_WEIGHT],
         "100631": [SHOPEE_ORIGIN, SHOPEE_SHELF_LIFE, SHOPEE_WEIGHT],
         "100636": [SHOPEE_ORIGIN, attribute("100144", "Chất liệu", False, "text")],
         "100637": [SHOPEE_ORIGIN]}),
    "lazada": (
        [category_node("10000300", None, "Thực phẩm & Đồ uống", False),
         category_node("10000337", "10000300", "Đặc sản vùng miền", True),
         category_node("10000338", "10000300", "Trà & Đồ uống", True),
         category_node("10000339", "10000300", "Thảo dược & Thực phẩm bổ sung", True),
         category_node("10000340", None, "Nhà cửa & Đời sống", False),
         category_node("10000345", "10000340", "Đồ thủ công mỹ nghệ", True)],
        {"10000337": LAZADA_COMMON + [attribute("shelf_life", "Hạn sử dụng", False, "text")],
         "10000338": LAZADA_COMMON, "10000339": LAZADA_COMMON, "10000345": LAZADA_COMMON}),
    "tiki": (
        [category_node("4380", None, "Bách Hóa Online", False),
         category_node("4384", "4380", "Đặc sản vùng miền", True),
         category_node("4385", "4380", "Trà", True),
         category_node("4386", "4380", "Thảo dược", True),
         category_node("1882", None, "Nhà Cửa - Đời Sống", False),
         category_node("1883", "1882", "Đồ thủ công mỹ nghệ", True)],
        {"4384": TIKI_COMMON + [attribute("expiry_time", "Hạn sử dụng", False, "text")], "4385": TIKI_COMMON,
         "4386": TIKI_COMMON, "1883": TIKI_COMMON + [attribute("material", "Chất liệu", False, "text")]}),
    # TikTok's tree v1 has three levels; Get Categories gives it flat (parent "0" at the root).
    "tiktokshop": (
        [category_node("600001", None, "Thực phẩm & Đồ uống", False),
         category_node("600100", "600001", "Thực phẩm", False),
         category_node("600501", "600100", "Đặc sản vùng miền", True),
         category_node("600503", "600100", "Thực phẩm chức năng & Thảo dược", True),
         category_node("600200", "600001", "Đồ uống", False),
         category_node("600502", "600200", "Trà & Đồ uống pha", True),
         category_node("600002", None, "Nhà cửa & Đời sống", False),
         category_node("600300", "600002", "Trang trí nhà cửa", False),
         category_node("600510", "600300", "Đồ thủ công mỹ nghệ", True),
         category_node("600511", "600300", "Đồ gốm sứ", True)],
        {"600501": [TIKTOK_ORIGIN, TIKTOK_SHELF_LIFE, TIKTOK_WEIGHT], "600502": [TIKTOK_ORIGIN, TIKTOK_WEIGHT],
         "600503": [TIKTOK_ORIGIN, TIKTOK_SHELF_LIFE, TIKTOK_WEIGHT],
         "600510": [TIKTOK_ORIGIN, attribute("100198", "Chất liệu", False, "text")], "600511": [TIKTOK_ORIGIN]}),
}


# The brands a listing may name where the platform keeps a brand list (Shopee per leaf category, Lazada one
# list), a few real Vietnamese food brands, two cooperatives' brands, and numbered fillers so that a full read
# takes several pages (Shopee's get_brand_list gives 100 a page, Lazada's brands query 200).
FOOD_BRANDS = ["Vissan", "Kinh Đô", "Bibica", "Hải Hà", "Vinamilk", "Masan", "Chin-su", "Nam Ngư", "Acecook", "Ông Chà Và"]
TEA_BRANDS = ["Phúc Long", "Cozy", "Lipton", "Tân Cương", "Trà hoa vàng Nam Sơn"]


def brand_list(first_id, names):
    return [{"id": str(first_id + number), "name": name} for number, name in enumerate(names)]


BRANDS = {
    "shopee": {
        "100629": brand_list(3010000, FOOD_BRANDS + [f"Đặc sản vùng miền {n:03d}" for n in range(1, 101)] + ["Gà Hải Lạng"]),
        "100630": brand_list(3020000, TEA_BRANDS),
        "100631": brand_list(3030000, ["Traphaco", "Sao Thái Dương"]),
        "100636": brand_list(3040000, ["Gốm Bát Tràng"]),
        "100637": brand_list(3050000, ["Sunhouse"]),
    },
    "lazada": {
        "": brand_list(40000, FOOD_BRANDS + TEA_BRANDS[:4] + [f"Thương hiệu {n:03d}" for n in range(1, 301)] + ["Gà Hải Lạng"]
                       + [f"Thương hiệu {n:03d}" for n in range(301, 401)] + [TEA_BRANDS[4]]),
    },
    # Get Brands takes the leaf category (category_id) and gives 100 a page at most.
    "tiktokshop": {
        "600501": brand_list(7082427311584340000, FOOD_BRANDS + [f"Thương hiệu {n:03d}" for n in range(1, 151)] + ["Gà Hải Lạng"]),
        "600502": brand_list(7082427311584350000, TEA_BRANDS),
        "600503": brand_list(7082427311584360000, ["Traphaco", "Sao Thái Dương"]),
        "600510": brand_list(7082427311584370000, ["Gốm Bát Tràng"]),
    },
}


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


def listing_id(number, config):
    base = config.get("id_base")
    return str(base + number) if base else f"L{number:07d}"


def category(config, group):
    if "categories" in config:
        return config["categories"].get(group, config["categories"]["food"])
    return f"{config['prefix']}-{CATEGORY.get(group, 'food')}"


def listing(number, product, variant, config, status, reason=None, price=None, stock=None):
    title = product["name"] if len(product["variants"]) == 1 else f"{product['name']} – {variant['pack_size']}"
    dims = [int(product[k]) for k in ("length_mm", "width_mm", "height_mm")] if product["length_mm"] else None
    return {
        "id": listing_id(number, config), "sku": variant["variant_sku"], "barcode": product["gtin"] or None,
        "title": title[:config["title_max"]], "description": product["description"],
        "category_id": category(config, product["group"]),
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
            "id": listing_id(number, config), "sku": f"SHOP-{platform.upper()}-{index + 1:03d}", "barcode": None,
            "title": f"Sản phẩm đăng tay, không có trong danh mục OCOP ({index + 1})", "description": None,
            "category_id": category(config, "food"), "price": 50000 + 10000 * index, "stock": 10 + index,
            "stock_as_of": SEEDED_AT, "images": [], "weight_grams": None, "dimensions": None, "status": "live",
            "status_reason": None, "created_at": SEEDED_AT, "updated_at": SEEDED_AT})
    live_eligible = len({p["sku"] for p in live})
    credentials = {"client_id": f"ocopsync-demo-{platform}", "client_secret": f"demo-secret-{platform}-not-for-production",
                   "webhook_secret": f"demo-webhook-{platform}-not-for-production"}
    if platform in SHOP_CREDENTIALS:
        credentials.update(SHOP_CREDENTIALS[platform])
        credentials.setdefault("refresh_token", f"demo-refresh-{platform}-not-for-production")
    if platform == "tiktokshop":
        credentials["shop_cipher"] = tiktok_cipher(credentials["shop_id"])
    state = {
        "platform": platform,
        "credentials": credentials,
        "listings": listings, "orders": [],
    }
    if platform in CATEGORY_TREES:
        state["categories"], state["category_attributes"] = CATEGORY_TREES[platform]
    if platform in BRANDS:
        state["brands"] = BRANDS[platform]
    if platform in OTHER_SHOP:
        other_id, other_name = OTHER_SHOP[platform]
        state["owners"] = [
            {"login": "htx-ba-kich@example.vn", "password": "ocop-demo-2026", "shop_id": credentials["shop_id"],
             "shop_name": "Đặc sản OCOP Quảng Ninh"},
            {"login": "shop-khac@example.vn", "password": "ocop-demo-2026", "shop_id": other_id, "shop_name": other_name},
        ]
    return state, live_eligible


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
