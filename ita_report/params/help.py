"""The Thai words of the params: each field's help and label, the form's help, pydantic's errors.

Read by error messages, ``ita-report new`` and the officer's form; nothing here validates.
"""

from __future__ import annotations

from typing import Any

from ita_report.errors import Bilingual

#: Thai descriptions of each field, used in error messages and by ``ita-report new``.
FIELD_HELP_TH: dict[str, str] = {
    "org_id": "รหัสหน่วยงาน ใช้เป็นชื่อไฟล์รายงาน (ตัวอักษรอังกฤษ ตัวเลข - _ .)",
    "org_name": "ชื่อเต็มของหน่วยงาน",
    "short_name": "ชื่อย่อที่ใช้ในข้อความวิเคราะห์ เช่น ทม.แฉะแม่",
    "org_type": (
        "ประเภทหน่วยงาน เช่น ทน. ทม. ทต. อบต. อบจ. ส่วนกลาง ส่วนภูมิภาค มหาวิทยาลัย องค์การมหาชน รัฐวิสาหกิจ"
        " (กำหนดคำเรียกบุคลากรและชื่อส่วนงานในเอกสาร เว้นว่างได้ถ้าชื่อหน่วยงานบอกประเภทอยู่แล้ว)"
    ),
    "district": "อำเภอ",
    "province": "จังหวัด",
    "fiscal_year": "ปีงบประมาณ พ.ศ. ของผลการประเมิน เช่น 2566",
    "scores_file": "ไฟล์คะแนน CSV หรือ XLSX (อ้างอิงจากโฟลเดอร์ของไฟล์นี้)",
    "target": "คะแนนเป้าหมาย (ปกติ 85)",
    "thai_digits": "ใช้เลขไทยในรายงาน (true/false)",
    "extra_codes": "รหัสข้อที่อ้างถึงแต่อยู่นอกกรอบการประเมินของปีนั้น เช่น [i37, i48]",
    "theme_overrides": "แก้ไขประเด็นตามรหัสประเด็น: measure_th, steps_th, quarter_th, unit_th, drop",
    "added_themes": "ประเด็นที่เพิ่มเอง",
    "limitations": "ข้อจำกัดที่เขียนเอง",
    "derive_limitations": "ให้โปรแกรมเสนอข้อจำกัดจากผลคะแนน (true/false)",
    "units": (
        "ชื่อส่วนงานจริงของหน่วยงาน แทนชื่อมาตรฐานของประเภทหน่วยงาน เช่น"
        " {finance: กองคลัง, planning: งานนโยบายและแผน สำนักปลัด}"
        " (office finance procurement planning hr pr it complaints audit all)"
    ),
    "vocabulary": (
        "คำเรียกบุคลากร ผู้บริหาร และสภา ถ้าต่างจากค่ามาตรฐานของประเภทหน่วยงาน เช่น"
        " {staff: พนักงานเทศบาล, executive: นายกเทศมนตรี, council: สภาเทศบาล}"
    ),
    "item_texts": (
        "ชื่อรายการหรือถ้อยคำของข้อที่ไฟล์กรอบการประเมินยังไม่มี หรือที่หน้า ITAS เขียนต่างออกไป เช่น"
        " {o7: รายงานผลการดำเนินงานประจำปี}"
    ),
    "framework_file": (
        "ไฟล์กรอบการประเมินของหน่วยงานเอง (ถ้าหน้า ITAS แสดงข้อต่างจากไฟล์มาตรฐานของปีนั้น)"
        " เว้นว่าง = ใช้ data/frameworks/<ปี>.yaml"
    ),
    "previous_scores_file": (
        "ไฟล์คะแนนของปีงบประมาณที่ล่วงมาแล้วของหน่วยงานเดียวกัน (ไฟล์รูปแบบเดียวกับ scores_file"
        " อ้างอิงจากโฟลเดอร์ของไฟล์นี้) เพื่อเทียบคะแนน ITA รายเครื่องมือ ระดับ และข้อที่ต่ำกว่าเป้าหมาย"
        " เป็นปีแรก เว้นว่าง = ไม่เทียบ"
    ),
    "strict": "ถ้าคะแนนที่คำนวณต่างจากผลตามประกาศ (official_results) หรือไม่มีคะแนนของเครื่องมือใดเลย"
    " แม้มีผลตามประกาศ ให้หยุดแทนการสร้างรายงานพร้อมหมายเหตุ (true/false ค่าเริ่มต้น false)",
    # issue 13; the help of each key inside is DocumentSettings' own (its descriptions).
    "document": "การตั้งค่าเอกสาร: font, font_size, date, show_tool_name, form, codes, letterhead",
    # issue 23; the help of each key inside is OfficialResultsSettings' own.
    "official_results": (
        "ผลการประเมินตามประกาศในระบบ ITAS: iit, eit, oit, ita, level และ indicators (ถ้ามี)"
        " ถ้ากำหนด เอกสารพิมพ์ตัวเลขตามประกาศ และเทียบกับคะแนนที่คำนวณจากรายข้อ"
    ),
    "signatory": "ผู้ลงนามในเอกสาร: name (ชื่อเต็ม) และ position (ตำแหน่ง เว้นว่าง = ตามประเภทหน่วยงาน)",
}

# -- the Lab form's words (issue 14): labels beside FIELD_HELP_TH, defined once ----------------
#: Short Thai labels of the fields the JupyterLab form shows (its help line is FIELD_HELP_TH).
FIELD_LABEL_TH: dict[str, str] = {
    "params_file": "ไฟล์พารามิเตอร์",
    "org_id": "รหัสหน่วยงาน",
    "org_name": "ชื่อหน่วยงาน",
    "short_name": "ชื่อย่อ",
    "org_type": "ประเภทหน่วยงาน",
    "district": "อำเภอ",
    "province": "จังหวัด",
    "fiscal_year": "ปีงบประมาณ",
    "scores_file": "ไฟล์คะแนน",
    "target": "คะแนนเป้าหมาย",
    "limitations": "ข้อจำกัด",
    "derive_limitations": "เสนอข้อจำกัดจากผลคะแนน",
    "theme_overrides": "แก้มาตรการของประเด็น",
}
#: Help for the form's file picker (a params file is the agency's settings, one per year).
PARAMS_FILE_HELP_TH = (
    "ไฟล์ params/<รหัสหน่วยงาน>-<ปี>.yaml เก็บค่าทั้งหมดของหน่วยงานในปีนั้น เลือกไฟล์เดิม"
    " หรือ \"ไฟล์ใหม่\" แล้วกรอกด้านล่าง (เลือกแม่แบบที่กรอกแล้วเป็นไฟล์คะแนน ข้อมูลหน่วยงานจะกรอกให้เอง)"
)
#: The keys of a theme override the form edits: Thai label and help.
THEME_FIELD_TH: dict[str, tuple[str, str]] = {
    "measure_th": ("มาตรการ", "ข้อความมาตรการของประเด็นนี้ เว้นว่าง = ใช้ของแคตตาล็อก"),
    "steps_th": ("ขั้นตอน", "บรรทัดละหนึ่งขั้นตอน ไม่ต้องใส่เลขข้อ โปรแกรมใส่ให้ เว้นว่าง = ใช้ของแคตตาล็อก"),
    "quarter_th": ("ระยะเวลา", "ระยะเวลาดำเนินการ เช่น ไตรมาส ๒ เว้นว่าง = ใช้ของแคตตาล็อก"),
    "unit_th": ("ส่วนงาน", "ส่วนงานที่รับผิดชอบ เช่น กองคลัง เว้นว่าง = ใช้ของแคตตาล็อก"),
    "drop": ("ไม่ใส่ประเด็นนี้", "ตัดประเด็นนี้ออกจากเอกสาร"),
}


#: The longest each text may be. A report needs far less (the longest Thai agency names are
#: under 80 characters); a longer value is a paste gone wrong, and would make every output


#: pydantic's error types, said in Thai (its own English ``msg`` stays the English).
_WHY_TH: dict[str, str] = {
    "float_parsing": "ต้องเป็นตัวเลข เช่น 85 (ไม่ต้องเขียนหน่วย เช่น คะแนน)",
    "float_type": "ต้องเป็นตัวเลข เช่น 85",
    "int_parsing": "ต้องเป็นจำนวนเต็ม เช่น 2567",
    "int_type": "ต้องเป็นจำนวนเต็ม เช่น 2567",
    "int_from_float": "ต้องเป็นจำนวนเต็ม ไม่มีทศนิยม",
    "bool_parsing": "ต้องเป็น true หรือ false",
    "bool_type": "ต้องเป็น true หรือ false",
    "string_type": "ต้องเป็นข้อความ",
    "string_too_short": "ต้องไม่ว่าง",
    "string_too_long": "ยาวเกิน {max_length} ตัวอักษร",
    "too_long": "มีเกิน {max_length} รายการ",
    "list_type": "ต้องเป็นรายการ บรรทัดละหนึ่งค่า ขึ้นต้นด้วย - (หรือ [a, b])",
    "tuple_type": "ต้องเป็นรายการ บรรทัดละหนึ่งค่า ขึ้นต้นด้วย - (หรือ [a, b])",
    "dict_type": "ต้องเป็นชุด ชื่อ: ค่า (เว้นว่างเป็น {})",
    "greater_than_equal": "ต้องไม่น้อยกว่า {ge}",
    "less_than_equal": "ต้องไม่เกิน {le}",
    "greater_than": "ต้องมากกว่า {gt}",
    "less_than": "ต้องน้อยกว่า {lt}",
}


def why_refused(err: Any) -> tuple[str, str]:
    """Why a value was refused, Thai and English, from one of pydantic's errors."""
    ctx = err.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, Bilingual):
        return cause.th, cause.en
    english = str(err["msg"]).removeprefix("Value error, ")
    thai = _WHY_TH.get(err["type"])
    if thai is None:
        return english, english
    try:
        return thai.format(**ctx), english
    except (KeyError, IndexError):
        return thai, english
