"""The Chinese demo case: a fictitious borrower of an instalment platform and six weeks of collection.

Everyone and everything here is invented — the platform 乐享分期, the funder 安和消费金融有限公司,
the agency, the people, badge numbers, account and ticket numbers.  Phone numbers use 170/171
(virtual-operator) and 0755 shapes, a 106… SMS gateway and a 95xxx service line, so that the
number parser sees realistic forms.  The situations follow what borrowers describe in
/work/shared/seeds (night calls, 上门协商 impostors, calls to family and work).

Events are written by `cn_timeline`, files by `cn_files`; this module makes the case, the
parties and the negotiation request that ties them together.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop_app.core.demo.builder import DemoWriter
from desktop_app.core.domain.enums import CaseStatus, PartyRole, Relationship

if TYPE_CHECKING:
    from desktop_app.core.services.workspace import Workspace

TITLE = "【演示】乐享分期逾期催收投诉 — 林晓雯"

STATEMENT = """\
本人林晓雯，2025年6月在乐享分期App办理消费分期（资金方为安和消费金融有限公司），本金18,000元，分12期。\
2025年11月起公司降薪，2026年1月又因骨折休病假，收入大幅减少，自2025年12月18日起未能按期还款。\
我从未拒绝还款，多次通过官方客服95713申请协商分期。

2026年2月中旬起，自称“乐享分期合作机构”的催收人员几乎每天来电：晚上10点以后、凌晨和早上7点多都打过；\
2月23日一天未接来电9次，3月9日又是8次。对方短信和电话中称“已立案”“三日内拘留”“上征信黑名单”\
“通知你单位和家人”，其中刘某自称“律师”“法务部”。催收员打电话给我母亲陈秀兰并告知欠款金额，\
母亲2月26日明确要求不要再打给她后仍继续来电；我2月27日要求不要再打给我单位，之后仍多次打到单位前台。\
3月7日上午两名男子未经预约到我家门口催收，其中一人拒绝出示工作证；3月13日又有一人到我单位前台。\
另有人冒充“乐享分期上门协商专员”，要求我把钱转到其个人账户，经客服核实为冒充。\
催收员还让我去其他App借钱还款，并要求另付800元“催收服务费”。

我已于3月5日通过官方渠道还款2,000元，愿意继续协商分期还款，但请求平台和资金方依法规范催收。\
以上经过均有通话记录、短信截图、录音和照片为证（见附件）。"""

REQUESTS = [
    "立即停止晚22:00至次日8:00的催收，以及同一天反复拨打的骚扰电话；",
    "停止联系我的母亲及工作单位，不得再向任何第三人透露我的欠款信息；",
    "核查催收员张某（工号HX-0217）、刘某（工号HX-0388）、赵某（工号HX-0105）冒充律师、虚假法律恫吓、"
    "未预约上门等行为，依规处理并书面告知结果；",
    "确认不存在任何“催收服务费”，书面告知官方唯一还款渠道，并就冒充平台收款一事提醒其他用户；",
    "在协商期间暂停催收，按我提交的协商还款申请书（每月约810元，分24期，减免罚息）与我商定个性化分期方案；",
    "提供2026年2月16日以来与我相关的全部催收通话录音和记录，以便核对。",
]


def _negotiation(hardship_evidence: list[int]) -> dict:
    from desktop_app.core.domain.negotiation import (
        Addressee,
        ExpenseLine,
        HardshipReason,
        IncomeLine,
        Negotiation,
        OtherDebt,
        Proposal,
        ProposalKind,
        SendMethod,
    )

    neg = Negotiation(
        addressee=Addressee(organisation="安和消费金融有限公司", department="客户服务中心（贷后管理部）",
                            address="乐享分期App“我的—客服—协商还款”及客服热线95713", method=SendMethod.APP),
        income=[IncomeLine("工资（降薪、病假期间按基本工资发放）", Decimal("4200.00")),
                IncomeLine("周末兼职（网店客服）", Decimal("600.00"))],
        expenses=[ExpenseLine("房租（合租）", Decimal("1500.00")), ExpenseLine("伙食", Decimal("900.00")),
                  ExpenseLine("交通、通讯", Decimal("260.00")), ExpenseLine("康复治疗与药费", Decimal("450.00")),
                  ExpenseLine("给母亲的生活费", Decimal("300.00"))],
        other_debts=[OtherDebt("某银行信用卡", Decimal("6800.00"), Decimal("340.00"), overdue=False)],
        hardship=[
            HardshipReason("公司业务下滑，全员降薪", from_date=date(2025, 11, 1), ongoing=True,
                           effect="月收入从7,800元降到5,200元", income_before=Decimal("7800.00"),
                           income_after=Decimal("5200.00")),
            HardshipReason("右胫骨骨折，手术后休病假三个月", from_date=date(2026, 1, 8), to_date=date(2026, 4, 8),
                           ongoing=False, effect="病假期间只发基本工资4,200元，另有医疗费约9,000元"),
        ],
        proposal=Proposal(kind=ProposalKind.LOWER_INSTALMENT, base_amount=Decimal("19436.52"), instalments=24,
                          first_due=date(2026, 4, 20), day_of_month=20, waive_penalty_and_fees=True),
        credit_card=False,
        commitments=["按时足额还款，如有困难提前主动联系贵司", "收入恢复后提前结清剩余款项"],
        contact_preference="短信或App消息联系 170 0998 1234，工作日9:00—18:00",
        evidence_ids=hardship_evidence,
        place="深圳",
        letter_date=date(2026, 3, 20),
    )
    return neg.to_dict()


def build(ws: Workspace) -> int:
    case = ws.cases.create(
        TITLE, "CN", "Asia/Shanghai", demo="cn",
        status=CaseStatus.NEGOTIATING.value,
        platform="乐享分期",
        funder="安和消费金融有限公司",
        product_type="消费分期",
        account_numbers="乐享分期账户 LX20250612****8816；借款合同编号 AHXF-2025-06-0045621",
        principal=Decimal("18000.00"),
        balance=Decimal("19436.52"),  # after the 2,000 paid on 2026-03-05
        currency="CNY",
        overdue_since=date(2025, 12, 18),
        borrower_name="林晓雯",
        borrower_contact="170 0998 1234",
        borrower_address="广东省深圳市南山区青枫路18号枫林苑3栋1206室",
        statement=STATEMENT,
        requests=REQUESTS,
        notes="演示案例：人物、公司、号码、账号均为虚构，仅用于熟悉本软件。可以随意修改或删除。",
    )
    w = DemoWriter(ws, case.id)
    p: dict[str, int] = {}
    p["platform"] = w.party("乐享分期（平台官方客服）", PartyRole.PLATFORM, numbers=["95713", "1069 0887 5521"],
                            notes="官方客服热线95713；官方短信通道1069 0887 5521。")
    p["funder"] = w.party("安和消费金融有限公司", PartyRole.FUNDER, notes="资金方，持牌消费金融公司（虚构）。")
    p["agency"] = w.party("深圳市越澄商务信息咨询有限公司", PartyRole.AGENCY, numbers=["0755-2366 1850"],
                          organisation_id=p["funder"], notes="自称“乐享分期合作机构”的外包催收公司（虚构）。")
    p["zhang"] = w.party("张经理", PartyRole.COLLECTOR, badge_no="HX-0217", organisation_id=p["agency"],
                         numbers=["170 1234 5678", "170 2233 8841"],
                         notes="语气强硬，多次威胁“通知单位和家人”。")
    p["liu"] = w.party("刘某（自称“刘律师”“法务部”）", PartyRole.COLLECTOR, badge_no="HX-0388",
                       organisation_id=p["agency"], numbers=["171 0068 2291", "171 0068 2295"],
                       accounts=[("wechat", "lxfq_fawu_liu")],
                       notes="自称律师，用私人微信联系。")
    p["zhao"] = w.party("赵主管", PartyRole.COLLECTOR, badge_no="HX-0105", organisation_id=p["agency"],
                        numbers=["0755-8660 3372", "170 3021 4496"], notes="负责“协商”，要求另付催收服务费。")
    p["mother"] = w.party("陈秀兰（母亲）", PartyRole.THIRD_PARTY, relationship=Relationship.RELATIVE,
                          numbers=["171 3357 0826"], notes="住湖南老家，与本债务无关。")
    p["employer"] = w.party("深圳市南岭精密电子有限公司（单位前台／人事部）", PartyRole.THIRD_PARTY,
                            relationship=Relationship.EMPLOYER, numbers=["0755-2668 3310"],
                            notes="本人工作单位，前台总机。")
    p["colleague"] = w.party("王敏（同事，人事专员）", PartyRole.THIRD_PARTY, relationship=Relationship.COLLEAGUE,
                             organisation_id=p["employer"], numbers=["170 5566 2019"])
    p["impostor"] = w.party("周先生（自称“乐享分期上门协商专员”）", PartyRole.UNKNOWN,
                            numbers=["171 5520 9034"],
                            notes="经95713客服核实，平台没有此人；要求转账到个人账户，疑似诈骗。")

    from desktop_app.core.demo import cn_files, cn_timeline

    ids = cn_timeline.add_events(w, p)
    hardship = cn_files.add_files(w, ids)
    ws.cases.update(case.id, negotiation=_negotiation(hardship))
    return case.id
