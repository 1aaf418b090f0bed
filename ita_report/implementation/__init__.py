"""The report on carrying out the measures (รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส
ภายในหน่วยงาน): the measures document's params, the officer's filled progress sheet and, when
given, the next year's scores, made into the second document an agency publishes each year.

Layered like ``explore/``: params → document (the data, no HTML) → html and charts → show (the
notebook) → run (``ita-report run`` with ``notebook: implementation_report``).
"""
