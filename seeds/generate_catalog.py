#!/usr/bin/env python3
"""Generates the seed catalog of Quang Ninh's OCOP products (seeds/quang-ninh-catalog.csv).

Deterministic: one seeded random generator, fixed orders, no clock. Running it twice gives the same bytes.

    python3 seeds/generate_catalog.py                 # the seed catalog (569 products, 393 eligible)
    python3 seeds/generate_catalog.py --scale 100000 --out /tmp/bench.csv   # a synthetic catalog for benchmarks

Format: docs/catalog-format.md (one row per sellable variant).
"""
import argparse
import csv
import datetime
import hashlib
import random
import sys
import unicodedata

COLUMNS = ("producer_id,producer_name,producer_type,district,commune,producer_phone,sku,name,description,group,stars,rated_on,"
           "rating_expires_on,withdrawn,gtin,qr_url,weight_g,length_mm,width_mm,height_mm,image_urls,category_ids,attributes,variant_sku,"
           "pack_size,price_vnd,stock").split(",")

# The 13 districts and towns of Quang Ninh, their SKU code, communes or wards, and how many producers.
DISTRICTS = [
    ("Hạ Long", "HL", ["Hà Khánh", "Hà Phong", "Bãi Cháy", "Việt Hưng", "Đại Yên", "Thống Nhất", "Sơn Dương",
                        "Lê Lợi", "Quảng La", "Dân Chủ", "Vũ Oai", "Hòa Bình", "Kỳ Thượng", "Đồng Lâm"], 28),
    ("Cẩm Phả", "CP", ["Cẩm Hải", "Cộng Hòa", "Dương Huy", "Cẩm Phú", "Mông Dương", "Cửa Ông"], 12),
    ("Uông Bí", "UB", ["Thượng Yên Công", "Phương Đông", "Vàng Danh", "Nam Khê", "Phương Nam", "Quang Trung"], 16),
    ("Móng Cái", "MC", ["Hải Xuân", "Hải Hòa", "Vạn Ninh", "Hải Tiến", "Quảng Nghĩa", "Bình Ngọc", "Hải Sơn"], 14),
    ("Đông Triều", "DT", ["An Sinh", "Bình Dương", "Tràng An", "Thủy An", "Hồng Phong", "Tràng Lương", "Yên Đức",
                          "Mạo Khê", "Hoàng Quế", "Việt Dân"], 22),
    ("Quảng Yên", "QY", ["Sông Khoai", "Hiệp Hòa", "Liên Hòa", "Tiền An", "Cẩm La", "Phong Cốc", "Hà An", "Tân An"], 20),
    ("Vân Đồn", "VD", ["Đài Xuyên", "Bản Sen", "Quan Lạn", "Minh Châu", "Vạn Yên", "Đông Xá", "Đoàn Kết", "Ngọc Vừng"], 18),
    ("Cô Tô", "CT", ["Đồng Tiến", "Thanh Lân", "Cô Tô"], 8),
    ("Ba Chẽ", "BC", ["Thanh Sơn", "Thanh Lâm", "Đạp Thanh", "Nam Sơn", "Lương Mông", "Đồn Đạc", "Minh Cầm"], 18),
    ("Bình Liêu", "BL", ["Đồng Văn", "Hoành Mô", "Lục Hồn", "Húc Động", "Đồng Tâm", "Vô Ngại", "Tình Húc"], 16),
    ("Tiên Yên", "TY", ["Hải Lạng", "Đông Ngũ", "Đông Hải", "Phong Dụ", "Điền Xá", "Hà Lâu", "Yên Than", "Đại Dực"], 18),
    ("Đầm Hà", "DH", ["Quảng Tân", "Đại Bình", "Tân Bình", "Quảng Lâm", "Dực Yên", "Quảng An"], 14),
    ("Hải Hà", "HH", ["Quảng Long", "Quảng Phong", "Quảng Thành", "Quảng Đức", "Cái Chiên", "Quảng Chính"], 16),
]

# Products each district is known for: (name, group, packs [(label, code, grams, price)], description).
PACKS_TEA = [("hộp 50 g", "H50G", 50, 350000), ("hộp 100 g", "H100G", 100, 650000), ("túi lọc 20 gói", "TL20", 60, 220000)]
PACKS_KG = [("túi 500 g", "T500G", 500, 65000), ("túi 1 kg", "T1KG", 1000, 120000), ("thùng 5 kg", "TH5KG", 5000, 560000)]
PACKS_DRY = [("hộp 200 g", "H200G", 200, 180000), ("hộp 500 g", "H500G", 500, 420000)]
PACKS_FROZEN = [("gói 500 g", "G500G", 500, 180000), ("gói 1 kg", "G1KG", 1000, 340000)]
PACKS_BOTTLE = [("chai 500 ml", "C500ML", 700, 150000), ("chai 1 lít", "C1L", 1300, 280000)]
PACKS_HONEY = [("chai 500 ml", "C500ML", 750, 250000), ("chai 1 lít", "C1L", 1450, 480000)]
PACKS_HERB = [("hộp 250 g", "H250G", 250, 280000), ("hộp 500 g", "H500G", 500, 520000)]
PACKS_OIL = [("lọ 10 ml", "L10ML", 60, 90000), ("lọ 50 ml", "L50ML", 150, 320000)]
PACKS_FRUIT = [("hộp 2 kg", "H2KG", 2000, 120000), ("thùng 5 kg", "TH5KG", 5000, 280000)]
PACKS_CRAFT = [("chiếc", "C", 800, 450000), ("bộ quà tặng", "BQT", 1500, 1200000)]
PACKS_EGG = [("hộp 10 quả", "H10Q", 600, 45000), ("hộp 30 quả", "H30Q", 1800, 130000)]
PACKS_TOUR = [("vé người lớn", "VNL", None, 350000), ("gói 2 ngày 1 đêm", "G2N1D", None, 1200000)]

SIGNATURES = {
    "BC": [("Trà hoa vàng Ba Chẽ", "beverage", PACKS_TEA, "Trà từ hoa vàng (trà hoa vàng) mọc dưới tán rừng Ba Chẽ, sấy lạnh giữ màu và hương."),
           ("Ba kích tím Ba Chẽ", "herbs-medicinal", PACKS_HERB, "Củ ba kích tím trồng dưới tán rừng, phơi khô, dùng ngâm rượu hoặc sắc uống."),
           ("Rượu ba kích Ba Chẽ", "beverage", PACKS_BOTTLE, "Rượu ngâm ba kích tím Ba Chẽ theo công thức truyền thống của người Dao."),
           ("Mật ong rừng Ba Chẽ", "food", PACKS_HONEY, "Mật ong khai thác từ rừng tự nhiên vùng núi Ba Chẽ."),
           ("Sâm nam núi Dành", "herbs-medicinal", PACKS_HERB, "Sâm nam từ núi Dành, sấy khô thái lát.")],
    "BL": [("Miến dong Bình Liêu", "food", PACKS_KG, "Miến làm từ tinh bột dong riềng Bình Liêu, sợi dai, không hóa chất."),
           ("Hoa hồi Bình Liêu", "food", PACKS_DRY, "Hoa hồi khô vùng biên giới Bình Liêu, thơm cay, làm gia vị."),
           ("Tinh dầu hồi Bình Liêu", "herbs-medicinal", PACKS_OIL, "Tinh dầu chưng cất từ hoa hồi Bình Liêu."),
           ("Thổ cẩm Dao Thanh Phán", "handicraft-textile", PACKS_CRAFT, "Sản phẩm thêu thổ cẩm của phụ nữ Dao Thanh Phán."),
           ("Chè Bình Liêu", "beverage", PACKS_TEA, "Chè xanh trồng trên đồi cao Bình Liêu, sao thủ công.")],
    "VD": [("Ruốc hàu Vân Đồn", "food", PACKS_DRY, "Ruốc làm từ hàu Vân Đồn tươi, sấy tơi, giàu đạm."),
           ("Sá sùng khô Vân Đồn", "food", PACKS_DRY, "Sá sùng bãi triều Quan Lạn, Minh Châu phơi khô, làm ngọt nước dùng."),
           ("Cam Vân Đồn", "food", PACKS_FRUIT, "Cam trồng trên đất đảo Vân Đồn, vỏ mỏng, vị ngọt thanh."),
           ("Chả mực Vân Đồn", "food", PACKS_FROZEN, "Chả mực giã tay từ mực vùng biển Vân Đồn."),
           ("Rượu hàu Vân Đồn", "beverage", PACKS_BOTTLE, "Rượu ngâm hàu Vân Đồn.")],
    "HL": [("Chả mực Hạ Long", "food", PACKS_FROZEN, "Chả mực giã tay truyền thống Hạ Long, giòn, ngọt."),
           ("Ruốc tôm Hạ Long", "food", PACKS_DRY, "Ruốc tôm biển Hạ Long sấy khô."),
           ("Hoa Hoành Bồ", "food", [("bó 10 cành", "B10", 800, 150000), ("chậu", "CH", 3000, 450000)], "Hoa trồng tại các xã Hoành Bồ cũ, cắt trong ngày."),
           ("Gà đồi Hoành Bồ", "food", [("con 1,5 kg", "C15KG", 1500, 280000), ("con 2 kg", "C2KG", 2000, 360000)], "Gà thả đồi Hoành Bồ, thịt chắc."),
           ("Tinh dầu quế Hạ Long", "herbs-medicinal", PACKS_OIL, "Tinh dầu chưng cất từ vỏ quế vùng Hoành Bồ."),
           ("Ngọc trai Hạ Long", "handicraft-textile", PACKS_CRAFT, "Trang sức ngọc trai nuôi trên vịnh Hạ Long."),
           ("Tranh than đá Hạ Long", "handicraft-textile", PACKS_CRAFT, "Tranh chạm khắc từ than đá Quảng Ninh.")],
    "CT": [("Mực khô Cô Tô", "food", PACKS_DRY, "Mực câu Cô Tô phơi nắng tự nhiên."),
           ("Chả mực Cô Tô", "food", PACKS_FROZEN, "Chả mực ống Cô Tô giã tay."),
           ("Nước mắm Cô Tô", "food", PACKS_BOTTLE, "Nước mắm cá cơm ủ chượp truyền thống trên đảo Cô Tô.")],
    "TY": [("Gà Tiên Yên", "food", [("con 1,5 kg", "C15KG", 1500, 320000), ("con 2 kg", "C2KG", 2000, 420000)], "Gà Tiên Yên chân vàng, da giòn, thịt thơm."),
           ("Mật ong Tiên Yên", "food", PACKS_HONEY, "Mật ong hoa rừng Tiên Yên."),
           ("Dầu sở Tiên Yên", "food", PACKS_BOTTLE, "Dầu ép từ hạt sở Tiên Yên."),
           ("Bánh gật gù Tiên Yên", "food", PACKS_DRY, "Bánh gật gù làm từ gạo nếp, đặc sản người Sán Dìu.")],
    "MC": [("Giò bê Móng Cái", "food", PACKS_FROZEN, "Giò bê làm từ thịt bê địa phương Móng Cái."),
           ("Xúc xích lợn Móng Cái", "food", PACKS_FROZEN, "Xúc xích từ lợn Móng Cái thuần chủng."),
           ("Thịt lợn Móng Cái hun khói", "food", PACKS_FROZEN, "Thịt lợn Móng Cái hun khói gác bếp."),
           ("Sá sùng Móng Cái", "food", PACKS_DRY, "Sá sùng bãi triều Vạn Ninh, Bình Ngọc.")],
    "HH": [("Chè Hải Hà", "beverage", PACKS_TEA, "Chè xanh Quảng Long, Hải Hà, sao theo kiểu truyền thống."),
           ("Trà túi lọc Hải Hà", "beverage", PACKS_TEA, "Trà xanh Hải Hà đóng túi lọc."),
           ("Khoai môn Hải Hà", "food", PACKS_KG, "Khoai môn trồng trên đất bãi Hải Hà, bở, thơm."),
           ("Gừng Hải Hà", "herbs-medicinal", PACKS_HERB, "Gừng trâu Hải Hà sấy lát.")],
    "DT": [("Bưởi Đông Triều", "food", PACKS_FRUIT, "Bưởi trồng tại các xã Đông Triều, múi mọng, vị ngọt."),
           ("Gốm Đông Triều", "handicraft-textile", PACKS_CRAFT, "Gốm sứ làng nghề Đông Triều, men hoa lam."),
           ("Rượu mơ Yên Tử", "beverage", PACKS_BOTTLE, "Rượu mơ ngâm từ mơ lông Yên Tử."),
           ("Vải chín sớm Đông Triều", "food", PACKS_FRUIT, "Vải chín sớm Bình Khê, Tràng Lương."),
           ("Thảo dược Yên Tử", "herbs-medicinal", PACKS_HERB, "Bài thuốc thảo dược từ vùng núi Yên Tử.")],
    "QY": [("Rau sạch Quảng Yên", "food", PACKS_KG, "Rau trồng theo VietGAP trên đất phù sa Quảng Yên."),
           ("Trứng gà Tân An", "food", PACKS_EGG, "Trứng gà thả vườn phường Tân An."),
           ("Mắm rươi Quảng Yên", "food", PACKS_BOTTLE, "Mắm rươi làm từ rươi Quảng Yên mùa tháng mười."),
           ("Hàu sữa Quảng Yên", "food", PACKS_FROZEN, "Hàu sữa nuôi vùng cửa sông Bạch Đằng."),
           ("Ngán Quảng Yên", "food", PACKS_FROZEN, "Ngán tươi vùng bãi triều Quảng Yên.")],
    "UB": [("Trà Yên Tử", "beverage", PACKS_TEA, "Trà xanh từ vùng núi thiêng Yên Tử."),
           ("Thảo dược Yên Tử Uông Bí", "herbs-medicinal", PACKS_HERB, "Thảo dược thu hái tại rừng Yên Tử."),
           ("Nấm linh chi Uông Bí", "herbs-medicinal", PACKS_HERB, "Nấm linh chi trồng tại Thượng Yên Công."),
           ("Mai vàng Yên Tử", "food", [("chậu nhỏ", "CHN", 5000, 650000), ("chậu lớn", "CHL", 15000, 2500000)], "Mai vàng Yên Tử nở vào dịp Tết.")],
    "CP": [("Sứa Cẩm Phả", "food", PACKS_FROZEN, "Sứa biển Cẩm Phả sơ chế sạch."),
           ("Nước mắm Cẩm Phả", "food", PACKS_BOTTLE, "Nước mắm cá cơm Cẩm Phả."),
           ("Chả cá Cẩm Phả", "food", PACKS_FROZEN, "Chả cá thu Cẩm Phả.")],
    "DH": [("Nước mắm Đầm Hà", "food", PACKS_BOTTLE, "Nước mắm truyền thống Đầm Hà."),
           ("Mật ong Đầm Hà", "food", PACKS_HONEY, "Mật ong hoa keo, hoa rừng Đầm Hà."),
           ("Lợn rừng Đầm Hà", "food", PACKS_FROZEN, "Thịt lợn rừng lai nuôi thả Đầm Hà."),
           ("Ba kích Đầm Hà", "herbs-medicinal", PACKS_HERB, "Ba kích trồng dưới tán rừng Đầm Hà.")],
}
TOURISM = [("Điểm du lịch cộng đồng", "Trải nghiệm đời sống, ẩm thực và văn hóa của cộng đồng địa phương."),
           ("Homestay", "Lưu trú tại nhà dân, ăn cùng, làm cùng với người dân địa phương."),
           ("Khu du lịch sinh thái", "Tham quan rừng, suối và vườn cây; dịch vụ ăn uống tại chỗ.")]
QUALIFIERS = ["", "loại đặc biệt", "hữu cơ", "truyền thống", "cao cấp", "gia truyền", "thượng hạng", "hộp quà"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Lý", "Triệu", "La", "Chíu"]
GIVEN = ["Văn Thành", "Thị Hoa", "Văn Hùng", "Thị Lan", "Minh Tuấn", "Thị Mai", "Đức Long", "Thị Hằng", "Văn Bình",
         "Thị Thu", "Quang Vinh", "Thị Nga", "Văn Sơn", "Thị Hương"]
BRANDS = ["Hạ Long Xanh", "Đất Mỏ", "Biển Bắc", "Rừng Vàng", "Đông Bắc", "Hương Núi", "Vịnh Ngọc", "Kim Sơn",
          "Phúc Lộc", "An Khang", "Thịnh Phát", "Hải Đăng"]

ELIGIBLE, BELOW_THREE, EXPIRED, TOURISM_COUNT, WITHDRAWN = 393, 60, 50, 41, 25
RNG = random.Random(20240601)


def slug(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def check_digit(payload):
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return str((10 - total % 10) % 10)


def day_between(first, last):
    span = (last - first).days
    return first + datetime.timedelta(days=RNG.randint(0, span))


def add_months(day, months):
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue


def make_producers():
    producers = []
    used = set()
    company = 10000
    for district, code, communes, count in DISTRICTS:
        for index in range(count):
            commune = communes[index % len(communes)]
            kind = RNG.choices(["cooperative", "enterprise", "household"], weights=[55, 20, 25])[0]
            specialty = SIGNATURES[code][index % len(SIGNATURES[code])][0].replace(district, "").strip()
            if kind == "cooperative":
                name = f"HTX {specialty} {commune}"
            elif kind == "enterprise":
                name = f"Công ty TNHH {RNG.choice(BRANDS)} {district}"
            else:
                name = f"Hộ kinh doanh {RNG.choice(FAMILY)} {RNG.choice(GIVEN)}"
            pid = slug(name)
            suffix = 2
            while pid in used:
                pid = f"{slug(name)}-{suffix}"
                suffix += 1
            used.add(pid)
            company += RNG.randint(1, 37)
            producers.append(dict(id=pid, name=name, type=kind, district=district, commune=commune, code=code,
                                  company=company, items=0))
    return producers


def phone(producer_id):
    """A Quang Ninh landline (area code 0203) from the producer's id, without a draw from RNG: adding it left every
    other value of the file as it was. One producer in ten has none recorded (the page then shows a dash)."""
    number = int.from_bytes(hashlib.sha256(producer_id.encode("utf-8")).digest()[:8], "big")
    if number % 10 == 0:
        return ""
    return f"0203 3{number // 10 % 1000:03d} {number // 10_000 % 1000:03d}"


def plan_categories(total):
    categories = (["eligible"] * ELIGIBLE + ["below_three"] * BELOW_THREE + ["expired"] * EXPIRED +
                  ["tourism"] * TOURISM_COUNT + ["withdrawn"] * WITHDRAWN)
    assert len(categories) == total
    RNG.shuffle(categories)
    return categories


def make_products(producers):
    categories = plan_categories(569)
    by_code = {}
    for producer in producers:
        by_code.setdefault(producer["code"], []).append(producer)
    # Each producer gets two products, then the rest are spread by district size.
    order = [p for p in producers for _ in range(2)]
    while len(order) < 569:
        order.append(RNG.choice(producers))
    order = order[:569]
    RNG.shuffle(order)
    names = set()
    numbers = {}
    products = []
    missing_sizes = set(RNG.sample(range(569), 15))
    for position, (producer, category) in enumerate(zip(order, categories)):
        code = producer["code"]
        numbers[code] = numbers.get(code, 0) + 1
        sku = f"QN-{code}-{numbers[code]:04d}"
        if category == "tourism":
            base, description = TOURISM[position % len(TOURISM)]
            group, packs = "tourism-service", PACKS_TOUR
            base = f"{base} {producer['commune']}"
        else:
            base, group, packs, description = RNG.choice(SIGNATURES[code])
        name = base
        for qualifier in QUALIFIERS + [producer["commune"]] + [f"số {n}" for n in range(2, 40)]:
            if qualifier and qualifier in base:
                continue
            name = f"{base} {qualifier}".strip()
            if name not in names:
                break
        names.add(name)
        if category == "expired":
            rated = day_between(datetime.date(2020, 1, 1), datetime.date(2023, 3, 31))
            stars = RNG.choices([3, 4, 5], weights=[65, 30, 5])[0]
        else:
            rated = day_between(datetime.date(2025, 8, 1), datetime.date(2026, 10, 31))
            stars = RNG.choices([1, 2], weights=[20, 80])[0] if category == "below_three" else RNG.choices([3, 4, 5], weights=[65, 30, 5])[0]
        producer["items"] += 1
        gtin = ""
        if group != "tourism-service":
            payload = f"893{producer['company']:05d}{producer['items']:04d}"
            gtin = payload + check_digit(payload)
        count = RNG.choices([1, 2, 3], weights=[75, 22, 3])[0]
        chosen = packs[:min(count, len(packs))]
        variants = []
        factor = RNG.uniform(0.8, 1.3)
        for label, pack_code, grams, price in chosen:
            variants.append(dict(sku=f"{sku}-{pack_code}", pack=label, grams=grams,
                                 price=max(1000, int(round(price * factor / 1000)) * 1000),
                                 stock=0 if RNG.random() < 0.05 else RNG.randint(1, 500)))
        physical = group != "tourism-service" and position not in missing_sizes
        first_grams = chosen[0][2]
        products.append(dict(
            producer=producer, sku=sku, name=name, description=description, group=group, stars=stars,
            rated=rated, expires=add_months(rated, 36), withdrawn=category == "withdrawn", gtin=gtin,
            qr=f"https://ocopquangninh.com.vn/truy-xuat/{sku.lower()}",
            weight=first_grams if physical else None,
            dims=(RNG.randint(80, 400), RNG.randint(60, 300), RNG.randint(30, 250)) if physical else None,
            images=" ".join(f"https://ocopquangninh.com.vn/images/{sku.lower()}-{n}.jpg" for n in range(1, RNG.randint(1, 3) + 1)),
            variants=variants, category=category,
            # Shelf life, which platforms ask of food in their category attributes; a few products have none
            # recorded yet (what the coverage worklist then names). No random draw: the rest of the file stays.
            attributes="" if group not in SHELF_LIFE or position % 37 == 5 else f"shelf_life={SHELF_LIFE[group]}"))
    return products


# Shelf life by group, as producers print it.
SHELF_LIFE = {"food": "12 tháng", "beverage": "24 tháng", "herbs-medicinal": "18 tháng"}


def rows(products):
    for product in sorted(products, key=lambda p: p["sku"]):
        producer = product["producer"]
        dims = product["dims"] or ("", "", "")
        for variant in sorted(product["variants"], key=lambda v: v["sku"]):
            yield [producer["id"], producer["name"], producer["type"], producer["district"], producer["commune"],
                   phone(producer["id"]), product["sku"], product["name"], product["description"], product["group"], product["stars"],
                   product["rated"].isoformat(), product["expires"].isoformat(),
                   "true" if product["withdrawn"] else "false", product["gtin"], product["qr"],
                   product["weight"] if product["weight"] else "", *dims, product["images"], "", product["attributes"], variant["sku"],
                   variant["pack"], variant["price"], variant["stock"]]


def eligible(product, today):
    return (3 <= product["stars"] <= 5 and today < product["expires"] and product["group"] != "tourism-service"
            and not product["withdrawn"])


def write_seed(out):
    producers = make_producers()
    products = make_products(producers)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows(products))
    today = datetime.date(2026, 11, 24)
    counts = {}
    for product in products:
        counts[product["category"]] = counts.get(product["category"], 0) + 1
    print(f"{out}: {len(products)} products, {len(producers)} producers, "
          f"{sum(len(p['variants']) for p in products)} variants, "
          f"{sum(eligible(p, today) for p in products)} eligible on {today}; categories {sorted(counts.items())}",
          file=sys.stderr)


def write_scale(count, out):
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for number in range(count):
            producer = number // 50
            sku = f"BENCH-{number:07d}"
            payload = f"893{number:09d}"
            writer.writerow([
                f"bench-producer-{producer:05d}", f"HTX thử nghiệm số {producer}", "cooperative", "Hạ Long", "Hà Khánh",
                phone(f"bench-producer-{producer:05d}"), sku, f"Sản phẩm thử nghiệm {number}", "Mô tả sản phẩm thử nghiệm, có dấu phẩy và dấu tiếng Việt",
                "food", 3 + number % 3, "2025-09-01", "2028-09-01", "false", payload + check_digit(payload),
                f"https://ocopquangninh.com.vn/truy-xuat/{sku.lower()}", 250, 120, 80, 50,
                f"https://ocopquangninh.com.vn/images/{sku.lower()}-1.jpg", "", "shelf_life=12 tháng", f"{sku}-H250G", "hộp 250 g",
                50000 + (number % 400) * 1000, number % 500])
    print(f"{out}: {count} products (one variant each)", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, help="write a synthetic catalog of this many products instead")
    parser.add_argument("--out", help="output file (default: seeds/quang-ninh-catalog.csv beside this script)")
    arguments = parser.parse_args()
    if arguments.scale:
        write_scale(arguments.scale, arguments.out or f"/tmp/ocopsync-bench-{arguments.scale}.csv")
    else:
        import os
        write_seed(arguments.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "quang-ninh-catalog.csv"))


if __name__ == "__main__":
    main()
