"""What an officer (เจ้าหน้าที่ผู้จัดทำเอกสาร) touches: in JupyterLab the form, its working copy of
the notebooks, and errors shown as the terminal shows them; and the files written for officers
to fill in or keep, such as the score template (แม่แบบกรอกคะแนน, read back by
``ita_report.scores.template``) and the progress sheet (ติดตามผลการดำเนินงาน).

Everything here calls the same functions as ``ita-report`` (params, build_document, run_report);
nothing here computes a score or words a measure.
"""
