"""Files written for officers to fill in or keep: the progress sheet (ติดตามผลการดำเนินงาน)."""
