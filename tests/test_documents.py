"""``plan report`` (通报 / 终期评估) and ``plan notice`` (督办单) on a synthetic fixture.

tests/fixtures/documents is the progress fixture marked ``synthetic: true``, with causes,
an official outcome on ``patents``, an absolute tolerance of 1 on ``labs`` (12.5 in 2023
meets "13左右"), and two more late items: PT-06 (市生态环境局, 2025Q3) and PT-07
(市工业和信息化局, 2025Q2, blocked). Three as-of dates: mid-period (2024-05-15, 2024Q2),
the last quarter (2025-11-15, 2025Q4) and after the end (2026-03-01, 2026Q1).

Notices by hand (settings.notice defaults: 提醒 from 1 quarter overdue, 催办 from 2,
督办 from 3; reply within 10 days):
* 2024Q2: PT-02 2023Q3 is 3 quarters overdue -> 市发展改革委 督办; nothing else overdue.
* 2025Q4: 发改委 PT-02 2023Q3 (9) and 2024Q2 (6): 督办; 科技局 PT-05 2024Q3 (5), PT-01
  2024Q4 (4): 督办; 工信局 PT-07 2025Q2 (2): 催办; 生态环境局 PT-06 2025Q3 (1): 提醒;
  PT-04 (2024Q2, no department) cannot be sent. Reply by 2025-11-25.
* 2026Q1: PT-07 is 3 quarters overdue -> 工信局 督办; PT-06 2 -> 生态环境局 催办.
"""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest

from tests.conftest import TESTS, with_settings

DOCS = TESTS / "fixtures" / "documents"
MID, LAST_Q, AFTER = "2024-05-15", "2025-11-15", "2026-03-01"
BANNER_ZH = "示例数据(虚构,非真实计划数据)"


def doc_json(run_plan, command: str, as_of: str, *extra: str) -> dict:
    result = run_plan(command, "--data", DOCS, "--as-of", as_of, "--format", "json",
                      "--lang", "zh", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def notices(doc: dict) -> list[tuple[str, list[tuple]]]:
    """(heading, [(item, quarters late, level, cause, action)]) per department."""
    out = []
    for s in doc["sections"]:
        rows = [(r[0].split()[0], int(r[4]), r[5], r[6], r[7]) for t in s["tables"]
                for r in t["rows"]]
        out.append((s["heading"], rows))
    return out


def test_notices_mid_period(run_plan):
    doc = doc_json(run_plan, "notice", MID)
    assert doc["report"] == "notice" and doc["synthetic_banner"] == BANNER_ZH
    assert notices(doc) == [("督办单(1)【督办】市发展改革委", [
        ("PT-02", 3, "督办", "申报材料需补充第三方评估", "2024年6月底前补齐材料重新申报")])]
    assert "请于2024-05-25前书面反馈" in doc["sections"][0]["paragraphs"][1]


def test_notices_in_the_last_quarter_escalate_by_quarters_overdue(run_plan):
    doc = doc_json(run_plan, "notice", LAST_Q)
    found = notices(doc)
    assert [h for h, _ in found] == [
        "督办单(1)【督办】市发展改革委", "督办单(2)【督办】市科技局",
        "督办单(3)【催办】市工业和信息化局", "督办单(4)【提醒】市生态环境局",
        "未落实责任部门的逾期事项"]
    assert [(i, n, lv) for i, n, lv, *_ in found[1][1]] == [("PT-05", 5, "督办"),
                                                            ("PT-01", 4, "督办")]
    # recorded cause shown; no corrective action recorded: the notice asks for one
    assert found[2][1] == [("PT-07", 2, "催办", "目录需省级审定", "请提出整改措施并明确完成时限")]
    assert found[3][1][0][:3] == ("PT-06", 1, "提醒")
    assert "(蓝色)" in doc["sections"][3]["paragraphs"][0]
    assert "PT-04" in doc["sections"][4]["paragraphs"][0]
    # colours of the rows: 督办 red, 催办 orange, 提醒 blue
    assert [s["tables"][0]["lights"][0] for s in doc["sections"][1:4]] == \
        ["red", "orange", "blue"]
    assert "请于2025-11-25前" in doc["sections"][0]["paragraphs"][1]


def test_notices_after_the_end_and_thresholds_from_settings(run_plan, tmp_path):
    found = notices(doc_json(run_plan, "notice", AFTER))
    assert found[2][0] == "督办单(3)【督办】市工业和信息化局" and found[2][1][0][1] == 3
    assert found[3][0] == "督办单(4)【催办】市生态环境局"
    data = with_settings(DOCS, tmp_path, "notice: {remind: 1, urge: 4, supervise: 8, "
                         "reply_days: 5}")
    result = run_plan("notice", "--data", data, "--as-of", AFTER, "--format", "json",
                      "--lang", "zh", "--department", "市科技局")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    # 科技局 alone: PT-05 6 and PT-01 5 quarters overdue: 催办 (>= 4, < 8); reply in 5 days
    assert notices(doc)[0][0] == "督办单(1)【催办】市科技局"
    assert "请于2026-03-06前" in doc["sections"][0]["paragraphs"][1]


def sections(doc: dict) -> dict[str, dict]:
    return {s["heading"].split("、", 1)[1]: s for s in doc["sections"]}


@pytest.mark.parametrize("as_of, title", [
    (MID, "样例市三年行动计划(2023—2025年)推进情况通报(2024Q2)"),
    (LAST_Q, "样例市三年行动计划(2023—2025年)推进情况通报(2025Q4)"),
    (AFTER, "样例市三年行动计划(2023—2025年)终期评估报告"),
])
def test_report_titles_and_sections_at_three_dates(run_plan, as_of, title):
    doc = doc_json(run_plan, "report", as_of)
    assert doc["title"] == title and doc["banner"] == BANNER_ZH
    assert list(sections(doc)) == ["总体情况", "指标完成情况", "台账推进情况", "逾期及滞后事项",
                                   "部门考评排名", "数据缺口", "下一步工作"]
    assert sections(doc)["下一步工作"]["placeholder"] is True
    assert sections(doc)["指标完成情况"]["figures"][0]["key"] == "indicator"  # a chart


def test_report_mid_period_content(run_plan):
    s = sections(doc_json(run_plan, "report", MID))
    assert s["总体情况"]["paragraphs"][1] == (
        "台账:已录入9项(应有10项);推进计划节点14个,其中按期完成2个、逾期完成1个、"
        "逾期未完成1个、本季到期3个;按期完成率50.0%。")
    late = s["逾期及滞后事项"]["tables"]
    assert late[0]["rows"] == [["PT-02 培育服务出口基地", "市发展改革委", "2023Q3", "申报基地",
                                "已延期 · 逾期 3 个季度", "申报材料需补充第三方评估",
                                "2024年6月底前补齐材料重新申报"]]
    assert late[1]["rows"][0][0] == "单位生产总值能耗 (吨标准煤/万元)"
    assert late[1]["rows"][0][3:] == ["重点企业技改延后", "2024年底前完成重点企业节能改造"]
    rows = {r[0]: r for r in s["指标完成情况"]["tables"][0]["rows"]}
    # labs 12.5 against 13左右 with ±1: met, within tolerance, never "short"
    assert rows["重点实验室 (家)"][4:6] == ["绿灯", "已达标 · 在允许误差内"]
    assert rows["万人高价值发明专利拥有量 (件)"][5] == "缺基期值 · 官方通报已完成"
    ranking = s["部门考评排名"]["tables"][0]["rows"]
    # 工信局 1/1 on time, energy off track: 95; 科技局 1 of 2 on time: 50; 发改委 -7;
    # 生态环境局 nothing owed yet: full marks, 100
    assert [(r[0], r[1], r[-1]) for r in ranking] == [
        ("1", "市生态环境局", "100"), ("2", "市工业和信息化局", "95"), ("3", "市科技局", "50"),
        ("4", "市发展改革委", "-7")]


def test_report_last_quarter_ranking_and_late_work(run_plan):
    s = sections(doc_json(run_plan, "report", LAST_Q))
    # 科技局 2/5 on time, 2 overdue, PT-01 stale: 40-10-2 = 28; 工信局 1/3, 1 overdue,
    # 2 stale, energy behind: 33.33-5-4-5 = 19.33; 生态环境局 0-5-2; 发改委 0-10-2
    assert [(r[1], r[-1]) for r in s["部门考评排名"]["tables"][0]["rows"]] == [
        ("市科技局", "28"), ("市工业和信息化局", "19.33"), ("市生态环境局", "-7"),
        ("市发展改革委", "-12")]
    late = s["逾期及滞后事项"]["tables"][0]["rows"]
    assert [r[0].split()[0] for r in late] == ["PT-02", "PT-02", "PT-04", "PT-05", "PT-01",
                                               "PT-07", "PT-06"]
    assert late[5][4:6] == ["受阻 · 逾期 2 个季度", "目录需省级审定"]


def test_final_evaluation_says_what_is_missing(run_plan):
    s = sections(doc_json(run_plan, "report", AFTER))
    rows = {r[0]: r for r in s["指标完成情况"]["tables"][0]["rows"]}
    # energy: 0.78 (2023), no 2025 value: the trend 0.8 -> 0.78 ends at 0.74 > 0.5
    assert rows["单位生产总值能耗 (吨标准煤/万元)"][3:8] == [
        "0.78 (2023)", "红灯", "预计未达标(待终值)", "0.74", "计划期末值"]
    assert rows["数字经济增加值占比 (%)"][5:8] == ["未达标", "—", "—"]  # 38 < 40 reported
    assert rows["创新平台 (家)"][5:] == ["无数据", "—", "实际值"]
    assert "官方通报已完成——“提前实现三年翻番目标”" in s["指标完成情况"]["paragraphs"][0]
    assert s["总体情况"]["paragraphs"][0].startswith("共9项指标:")
    # Items done on time / late / not done / dropped per ledger, department and leader.
    # 任务台账's 14 entries: on time PT-01 x2 + PT-03 x2 (2025Q4 done 2025-12-20); late PT-01
    # 2023Q4, PT-03 2024Q3; not done PT-01 2024Q4, PT-02 x2, PT-04, PT-05, PT-06, PT-07;
    # dropped PT-02 2025Q1.
    by_ledger, by_dept, by_leader = s["台账推进情况"]["tables"][1:]
    assert by_ledger["head"] == ["台账", "按期完成", "逾期完成", "逾期未完成", "已取消", "本季到期"]
    assert by_ledger["rows"][0] == ["任务台账", "4", "2", "7", "1", "0"]
    assert ["市发展改革委", "0", "0", "2", "1", "0"] in by_dept["rows"]
    assert by_leader["rows"][:2] == [["李副市长", "0", "0", "3", "1", "0"],
                                     ["王副市长", "4", "2", "2", "0", "0"]]


def test_documents_are_chinese_by_default_whatever_the_locale(run_plan, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    result = run_plan("notice", "--data", DOCS, "--as-of", MID)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# 样例市三年行动计划(2023—2025年)督办单")


def test_report_markdown_english_and_banner(run_plan):
    result = run_plan("report", "--data", DOCS, "--as-of", AFTER, "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("# 样例市三年行动计划(2023—2025年): final evaluation report")
    assert out.count("SYNTHETIC example data") == 2  # at the top and at the end
    assert "## 7. Next steps" in out and "| Rank | Department |" in out


def test_docx_needs_output_and_bad_output_is_a_clear_error(run_plan, tmp_path):
    result = run_plan("report", "--data", DOCS, "--as-of", MID, "--format", "docx",
                      "--lang", "zh")
    assert result.exit_code == 2 and "--output" in result.output
    result = run_plan("report", "--data", DOCS, "--format", "docx", "--lang", "zh",
                      "--output", tmp_path / "no" / "such" / "r.docx")
    assert result.exit_code == 2 and "无法写入" in result.output
    assert "Traceback" not in result.output


def _pdf_text(docx, tmp_path) -> str:
    """Open the .docx in LibreOffice (headless, private profile), convert to PDF, read it."""
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (docx.stem + ".pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    # Line breaks and the spaces pdftotext puts between Chinese and digits do not matter.
    return "".join(text.split())


def test_final_report_docx_layout_and_chinese_survive_libreoffice(run_plan, tmp_path):
    out = tmp_path / "终期评估.docx"
    result = run_plan("report", "--data", DOCS, "--as-of", AFTER, "--format", "docx",
                      "--lang", "zh", "--output", out)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
        fonts = z.read("word/fontTable.xml").decode("utf-8")
        footer = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                         if n.startswith("word/footer"))
    # A4 (11906 x 16838 twips), margins 37/35/28/26 mm in twips
    assert 'w:w="11906"' in body and 'w:h="16838"' in body
    for twips in ("2098", "1984", "1587", "1474"):
        assert f'"{twips}"' in body
    assert 'w:eastAsia="方正小标宋简体"' in body and 'w:eastAsia="仿宋_GB2312"' in body
    assert '<w:altName w:val="华文中宋"/>' in fonts and '<w:altName w:val="仿宋"/>' in fonts
    assert "<w:tblHeader" in body and "PAGE" in footer
    assert 'w:fill="FFC7CE"' in body  # red cells shaded
    text = _pdf_text(out, tmp_path)
    for words in ("终期评估报告", BANNER_ZH, "部门考评排名", "申报材料需补充第三方评估",
                  "官方通报已完成", "—2—"):
        assert words in text, words


def test_notice_docx_opens_in_libreoffice(run_plan, tmp_path):
    out = tmp_path / "notice.docx"
    result = run_plan("notice", "--data", DOCS, "--as-of", LAST_Q, "--format", "docx",
                      "--lang", "zh", "--output", out)
    assert result.exit_code == 0, result.output
    text = _pdf_text(out, tmp_path)
    for words in ("督办单", "【催办】市工业和信息化局", "请于2025-11-25前书面反馈", BANNER_ZH):
        assert words in text, words


def test_shipped_data_final_evaluation(run_plan):
    """The Weihai data after the period: patents carry the official 'met early' outcome; every
    other indicator says what is missing."""
    result = run_plan("report", "--as-of", "2026-12-01", "--format", "json", "--lang", "zh")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    s = sections(doc)
    assert doc["title"].endswith("终期评估报告") and doc["banner"] is None
    rows = {r[0]: r for r in s["指标完成情况"]["tables"][0]["rows"]}
    patents = rows["万人高价值发明专利拥有量 (件/万人)"]
    assert patents[3] == "12.12 (2024年,截至2024-08-31)"
    assert patents[4:6] == ["绿灯", "尚难判断 · 官方通报已完成"]
    assert "提前实现绿色低碳高质量发展三年翻番目标" in s["指标完成情况"]["paragraphs"][0]
    others = [r for name, r in rows.items() if name != "万人高价值发明专利拥有量 (件/万人)"]
    assert len(others) == 15 and all(r[-1] != "—" for r in others)


def test_causes_and_recorded_status_in_due_show_owners_gaps(run_plan):
    """原因 / 整改措施 reach every report and format; the recorded status stands beside
    the derived one."""
    due = doc_json(run_plan, "due", MID)
    pt02 = [e for g in due["groups"] for e in g["entries"] if e["item"] == "PT-02"][0]
    assert (pt02["light"], pt02["cause"], pt02["corrective_action"]) == (
        "red", "申报材料需补充第三方评估", "2024年6月底前补齐材料重新申报")
    md = run_plan("due", "--data", DOCS, "--as-of", MID, "--lang", "zh", "--format", "markdown")
    assert "| 红灯 | 已延期 · 逾期 3 个季度 · 久未更新 | 3 | 申报材料需补充第三方评估 | " \
        "2024年6月底前补齐材料重新申报 |" in md.stdout
    show = run_plan("show", "PT-02", "--data", DOCS, "--as-of", MID, "--lang", "zh",
                    "--format", "markdown")
    assert "已延期 · 逾期 3 个季度" in show.stdout and "申报材料需补充第三方评估" in show.stdout
    item = doc_json(run_plan, "show", MID, "PT-02")["subject"]
    assert item["schedule"][0]["cause"] == "申报材料需补充第三方评估"
    owners = doc_json(run_plan, "owners", MID)
    dept = {r["name"]: r for r in owners["departments"]}["市发展改革委"]
    assert dept["causes"] == [{"item": "PT-02", "quarter": "2023Q3", "state": "overdue",
                               "cause": "申报材料需补充第三方评估",
                               "corrective_action": "2024年6月底前补齐材料重新申报"}]
    gaps = {r["id"]: r for r in doc_json(run_plan, "gaps", MID)["indicators"]}
    assert (gaps["energy"]["cause"], gaps["energy"]["corrective_action"]) == (
        "重点企业技改延后", "2024年底前完成重点企业节能改造")
    assert gaps["labs"]["within_tolerance"] is True and gaps["labs"]["status"] == "met"
    csv_out = run_plan("gaps", "--data", DOCS, "--as-of", MID, "--lang", "zh", "--format", "csv")
    assert "重点企业技改延后" in csv_out.stdout_bytes.decode("utf-8-sig")
    table = run_plan("gaps", "--data", DOCS, "--as-of", MID, "--lang", "zh", "--format",
                     "markdown").stdout
    labs = [line for line in table.splitlines() if line.startswith("| 重点实验室")][0]
    # met within the ±1 tolerance: neither gap column shows a shortfall
    assert labs.count("在允许误差内") == 3 and "0.5" not in labs.split("|")[8]


def test_owners_csv_carries_ranking_and_causes(run_plan):
    import csv
    import io

    result = run_plan("owners", "--data", DOCS, "--as-of", MID, "--format", "csv", "--lang", "zh")
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    head = rows[0]
    assert head[-4:] == ["按期完成率", "考评得分", "排名", "原因及整改措施"]
    dept = {r[1]: r for r in rows[1:] if r[0] == "按责任部门"}
    assert dept["市发展改革委"][-4:] == [
        "0.0%", "-7", "4", "PT-02 2023Q3: 申报材料需补充第三方评估 / 2024年6月底前补齐材料重新申报"]
