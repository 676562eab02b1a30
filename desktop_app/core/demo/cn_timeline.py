"""The Chinese demo's timeline: 2026-02-16 .. 2026-03-31, Asia/Shanghai wall time.

Written so that every China rule has something to find: night and early-morning calls, two days
with more than six unanswered calls from one number, a day with more than three connected calls,
threats and false legal claims by SMS, impersonation of a lawyer/court, third-party disclosure
to a relative and the employer (also after they asked to stop), visits without notice, an
impostor wanting money in a personal account, pressure to borrow, an extra "service fee", a
private WeChat.  Follow-up dates are partly fixed (in the demo's past or future) and partly
relative to today, so the app's follow-up list is never empty when the demo opens.
"""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.core.demo.builder import DemoWriter

GATEWAY = "1069 0887 5521"
SERVICE = "95713"
ZHANG, ZHANG2 = "170 1234 5678", "170 2233 8841"
LIU, LIU2 = "171 0068 2291", "171 0068 2295"
ZHAO, ZHAO2 = "0755-8660 3372", "170 3021 4496"
AGENCY = "0755-2366 1850"
IMPOSTOR = "171 5520 9034"

SMS_0218 = ("林晓雯，你在乐享分期的欠款已移交我司法务部处理。若今日18:00前仍不处理，将安排律师立案起诉，"
            "并上报征信黑名单，后果自负！【催收专员张经理】")
SMS_0225 = ("【法务通知】林晓雯（身份证尾号****）：你涉嫌恶意拖欠、骗取贷款，案件材料已提交南山区人民法院。"
            "三日内不处理，将由公安机关上门拘留，并通知你单位和家人。——乐享法务部 刘律师 171 0068 2291")
SMS_0310 = ("【乐享分期】林女士您好，我是平台上门协商专员周先生。您的账户符合“减免罚息、一次性结清”政策，"
            "明天可上门为您办理，结清款请转入专员对公过渡账户，详询171 5520 9034。")
SMS_0315 = ("林晓雯你听好了，明天再不还，我们就把你的欠款信息发到你单位和你们村里，通知你单位和家人，"
            "让你上征信黑名单，以后高铁飞机都坐不了。")
SMS_0305 = ("【乐享分期】尊敬的林女士，您于03月05日10:12成功还款2000.00元，当前剩余应还19436.52元。"
            "请通过乐享分期App官方渠道还款，谨防诈骗。退订回T")
SMS_0216 = ("【乐享分期】尊敬的林女士，您的账单已逾期60天，当前应还21436.52元。请登录乐享分期App还款，"
            "如有困难可致电官方客服95713协商。退订回T")


def add_events(w: DemoWriter, p: dict[str, int]) -> dict[str, int]:
    """Log the timeline; return named event ids (for evidence links and tests)."""
    ids = w.ids
    call, sms = w.call, w.sms
    today = date.today()

    # ---- week 1: the file passes to the agency (春节 holiday, still calling) ------------------
    sms("2026-02-16 09:15", GATEWAY, SMS_0216, summary="平台官方逾期提醒短信", name="sms_notice")
    ids["neg1"] = w.event(
        "negotiation", "2026-02-16 10:30", direction="outgoing", contact_value=SERVICE, duration_s=540,
        summary="致电官方客服95713申请协商分期，客服称只能全额还款或等合作机构联系",
        details={"outcome": "被拒绝：客服称“系统不支持个性化分期”，只能全额还款或与合作机构协商",
                 "staff_id": "客服工号 A3172"},
        quotes="我们这边系统不支持个性化分期，您只能全额还款，或者等合作机构联系您。")
    call("2026-02-17 22:41", ZHANG, "answered", 380, name="night_call",
         summary="春节当晚22:41来电催收，威胁“明天就让你全公司都知道”",
         quotes="大过年的你也别想好过，今天不还，明天就让你全公司都知道你欠钱不还。",
         conduct=["threat"], details={"claimed_identity": "乐享分期合作机构 张经理"})
    call("2026-02-18 07:32", ZHANG2, "missed", summary="早上7:32未接来电")
    sms("2026-02-18 13:10", ZHANG, SMS_0218, name="sms_threat",
        summary="短信称已移交“法务部”，将“立案起诉”“上报征信黑名单”",
        quotes="将安排律师立案起诉，并上报征信黑名单，后果自负！",
        conduct=["threat", "false_legal_claim", "false_credit_claim"])
    call("2026-02-19 11:05", ZHANG, "answered", 420, name="borrow_pressure",
         summary="要求去其他App借钱先还上",
         quotes="你去速融宝、闪借这些App上借一笔，先把我们这个平了，不就完了？",
         conduct=["pressure_to_borrow"])
    call("2026-02-20 23:18", AGENCY, "missed", summary="深夜23:18未接来电（催收公司座机）")
    call("2026-02-20 23:25", AGENCY, "missed", summary="深夜23:25再次来电")
    call("2026-02-21 06:55", ZHANG2, "rejected", summary="早上6:55来电，已挂断")
    call("2026-02-21 10:20", ZHANG, "answered", 240, name="mother_call1", target="third_party",
         target_party_id=p["mother"],
         summary="催收员打电话给母亲，告知欠款金额并要求她代还",
         quotes="（母亲转述）他说你女儿欠了两万多不还，再不还就要坐牢，让我这个当妈的替她还。",
         conduct=["third_party_disclosure", "false_legal_claim"])

    # ---- week 2: the burst of calls, the "lawyer", the first calls to work --------------------
    burst = ["09:02", "09:47", "10:31", "11:58", "13:14", "14:40", "16:05", "18:22", "21:40"]
    for i, hhmm in enumerate(burst):
        call(f"2026-02-23 {hhmm}", ZHANG, "rejected" if i % 3 == 2 else "missed",
             summary=f"同一号码当天第{i + 1}次来电，未接通", name=f"burst1_{i}")
    call("2026-02-24 09:10", ZHANG, "answered", 180, summary="张经理来电催还款（当天第1通接通）")
    call("2026-02-24 11:45", LIU, "answered", 300, name="lawyer_call",
         summary="自称律师事务所“刘律师”，称已起诉", conduct=["impersonation", "false_legal_claim"],
         quotes="我是律师事务所的刘律师，你的案子已经到法院了，下周就开庭。",
         details={"claimed_identity": "律师事务所 刘律师"})
    call("2026-02-24 15:20", ZHAO, "answered", 150, summary="赵主管来电“了解情况”（当天第3通接通）")
    call("2026-02-24 19:05", ZHANG, "answered", 260, summary="张经理再次来电，一天内第4次接通",
         quotes="你不接我就一直打，打到你接为止。", conduct=["abuse"])
    sms("2026-02-25 10:12", LIU, SMS_0225, name="sms_fake_court",
        summary="冒充法务部／律师，称已提交法院、三日内公安上门拘留",
        quotes="三日内不处理，将由公安机关上门拘留，并通知你单位和家人。",
        conduct=["impersonation", "false_legal_claim", "threat"])
    call("2026-02-25 14:30", ZHANG, "answered", 200, name="work_call1", target="third_party",
         target_party_id=p["employer"],
         summary="打到单位前台，说我欠钱不还，让前台转告人事部", conduct=["third_party_disclosure"],
         quotes="（前台转述）对方说是金融公司的，林晓雯欠款逾期，让她赶紧处理，不然天天打到你们公司。")
    ids["stop_mother"] = w.event(
        "user_request", "2026-02-26 19:40", party_id=p["zhang"], contact_value=ZHANG,
        summary="母亲在电话中明确要求催收员不要再打给她",
        quotes="（母亲）这是她自己的事，我不认识你们，以后不要再给我打电话了。",
        details={"request_type": "stop_third_party", "target_party_id": p["mother"], "written": False})
    ids["no_work"] = w.event(
        "user_request", "2026-02-27 12:05", party_id=p["zhao"], contact_value=ZHAO, direction="outgoing",
        summary="我明确要求：请不要再打给我单位",
        quotes="请不要再打给我单位，有事直接打我手机170 0998 1234。",
        details={"request_type": "no_work_contact", "written": False})
    call("2026-02-26 12:02", ZHANG2, "missed", summary="午休时间未接来电")
    call("2026-02-28 08:40", ZHANG2, "answered", 180, name="mother_call2", target="third_party",
         target_party_id=p["mother"],
         summary="母亲要求停止后，催收员仍再次打给母亲", conduct=["third_party_disclosure", "threat"],
         quotes="（母亲转述）阿姨，你女儿再不还，我们就要上门了，到时候你们村里都知道。")
    ids["wechat1"] = w.event(
        "chat", "2026-03-01 21:30", direction="incoming", party_id=p["liu"], contact_value="lxfq_fawu_liu",
        summary="“刘律师”用私人微信加好友并催收", conduct=["private_phone", "impersonation"],
        body="我是乐享法务刘律师，加你方便沟通。今天必须给个说法，不然明天材料直接递交法院。",
        details={"channel": "wechat", "sender_name": "乐享法务-刘律师"})

    # ---- week 3: calls to work after the request, the recording, negotiation, the home visit ----
    call("2026-03-02 10:15", ZHANG, "answered", 160, name="work_after_request", target="third_party",
         target_party_id=p["colleague"],
         summary="我已要求不要打单位后，仍打给同事王敏并透露欠款", conduct=["third_party_disclosure"],
         quotes="（同事转述）他问我是不是林晓雯同事，说她欠了钱不还，让我劝她。")
    call("2026-03-02 16:00", AGENCY, "answered", 90, target="third_party", target_party_id=p["employer"],
         summary="再次打到单位前台找我", conduct=["third_party_disclosure"])
    call("2026-03-03 22:15", ZHANG, "answered", 262, name="recorded_call",
         summary="22:15来电（有录音），威胁上门、骂“老赖”", conduct=["threat", "abuse"],
         quotes="你再不还钱，我们就去你家里找你，让你邻居都知道你是老赖。\n"
                "你这种人就是骗子，借钱不还的老赖。")
    ids["neg2"] = w.event(
        "negotiation", "2026-03-04 14:00", direction="outgoing", party_id=p["zhao"], contact_value=ZHAO,
        duration_s=900, summary="与赵主管协商：我提出每月还约810元、分24期、减免罚息",
        details={"outcome": "对方同意先还2,000元“停催7天”，分期方案称需上报审批，未给任何书面答复",
                 "staff_id": "HX-0105"},
        quotes="你先还两千，我给你申请停催七天，分期的事我帮你往上报。",
        follow_up=today, follow_up_note="询问安和消费金融是否已收到并审批协商还款申请书（要求书面答复）")
    ids["payment"] = w.event(
        "payment", "2026-03-05 10:12", direction="outgoing", party_id=p["platform"],
        summary="通过乐享分期App官方渠道还款2,000元",
        details={"amount": "2000.00", "currency": "CNY", "method": "乐享分期App官方还款（银行卡）"})
    sms("2026-03-05 10:13", GATEWAY, SMS_0305, summary="官方短信确认收到还款2,000元")
    # The oral "停催7天" of 3月4日 took effect with the payment; the rules check that it was kept.
    ids["pause_agreement"] = w.event(
        "agreement", "2026-03-05 10:15", party_id=p["zhao"],
        summary="还款2,000元后，赵主管口头承诺的“停催7天”（至3月12日）生效",
        details={"written": False, "terms": "先还2,000元，停催7天；分期方案上报审批", "amount": "2000.00",
                 "pause_until": "2026-03-12"})
    call("2026-03-06 18:30", ZHAO2, "answered", 240, name="extra_fee",
         summary="要求另付800元“催收服务费”，否则还款“不算数”", conduct=["extra_fees"],
         quotes="你那两千只是本金，还要另外交800块催收服务费，不交的话停催不算数。")
    ids["home_visit"] = w.event(
        "visit", "2026-03-07 09:30", end=None, duration_s=1500, party_id=p["agency"],
        summary="两名男子未预约到家门口催收，其中一人拒绝出示工作证",
        quotes="（问对方要证件）“你管我是谁，你还钱就行了。”",
        conduct=["visit_without_notice", "refused_id"],
        details={"place": "home", "address": "枫林苑3栋1206室门口", "people_count": 2, "id_shown": False,
                 "notice_given": False, "entered_without_consent": False,
                 "claimed_identity": "乐享分期合作机构外访人员（一人出示了写有“越澄”的工牌，另一人拒绝）"})
    call("2026-03-08 00:12", ZHAO, "missed", summary="凌晨00:12未接来电")

    # ---- week 4: the second burst, the impostor, the complaint to the platform, work visit ----
    for i, hhmm in enumerate(["08:05", "09:20", "10:02", "11:37", "14:15", "15:50", "17:26", "20:48"]):
        call(f"2026-03-09 {hhmm}", LIU2, "missed" if i % 2 == 0 else "rejected",
             summary=f"同一号码当天第{i + 1}次来电，未接通", name=f"burst2_{i}")
    sms("2026-03-10 16:40", IMPOSTOR, SMS_0310, name="impostor_sms",
        summary="自称“平台上门协商专员”，称可减免并上门办理", conduct=["impersonation"])
    call("2026-03-10 17:05", IMPOSTOR, "answered", 480, name="impostor_call",
         summary="“上门协商专员”要求把结清款转到个人账户", conduct=["personal_account_payment", "impersonation"],
         quotes="今天转一万二到这个账户就算一次性结清，账户名周某某，6217 **** **** 5531，这是我们的过渡账户。",
         details={"claimed_identity": "乐享分期上门协商专员 周先生"})
    ids["verify_impostor"] = w.event(
        "call", "2026-03-11 09:20", direction="outgoing", contact_value=SERVICE, call_outcome="answered",
        duration_s=420, summary="致电95713核实：平台没有“上门协商专员”，不会要求转个人账户",
        quotes="我们不会安排上门协商，也不会让您转到任何个人账户，请只通过App还款。")
    call("2026-03-12 07:50", ZHANG, "missed", summary="早上7:50未接来电")
    ids["complaint_platform"] = w.event(
        "complaint", "2026-03-12 20:00", direction="outgoing", party_id=p["platform"],
        summary="在乐享分期App提交投诉：夜间催收、冒充律师、联系家人和单位、上门、收服务费",
        details={"channel": "platform", "ticket_no": "LX-TS-20260312-0871", "reply_due": "2026-03-19",
                 "outcome": "3月19日回复：已转交合作机构核实，未说明处理结果"},
        follow_up=date(2026, 3, 19), follow_up_note="平台应答复投诉", follow_up_done=True)
    ids["work_visit"] = w.event(
        "visit", "2026-03-13 14:20", duration_s=900, party_id=p["agency"],
        summary="一名男子到单位前台找我，当着同事的面说我欠钱",
        conduct=["visit_without_notice", "third_party_disclosure", "public_shaming"],
        quotes="（前台转述）“叫林晓雯出来，她欠我们公司钱不还。”",
        details={"place": "work", "address": "南岭精密电子前台", "people_count": 1, "id_shown": True,
                 "notice_given": False, "claimed_identity": "越澄商务外访员（出示工牌）"})
    call("2026-03-14 07:35", ZHAO2, "answered", 120, name="early_call", summary="早上7:35来电催收")
    sms("2026-03-15 21:28", ZHANG, SMS_0315, name="sms_blacklist",
        summary="短信威胁“通知你单位和家人”“上征信黑名单”“高铁飞机都坐不了”",
        conduct=["threat", "false_credit_claim", "false_legal_claim"])

    # ---- week 5: more of the same, the 12378 complaint -------------------------------------------
    call("2026-03-16 10:40", AGENCY, "answered", 60, target="third_party", target_party_id=p["employer"],
         summary="又打到单位前台（已明确要求不要打单位）", conduct=["third_party_disclosure"])
    ids["wechat2"] = w.event(
        "chat", "2026-03-17 20:33", direction="incoming", party_id=p["liu"], contact_value="lxfq_fawu_liu",
        summary="私人微信威胁把欠款发到小区业主群", conduct=["private_phone", "threat"],
        body="你不还是吧？明天我就把你的欠款信息和照片发到你们枫林苑业主群，让全小区都看看。",
        details={"channel": "wechat", "sender_name": "乐享法务-刘律师"})
    call("2026-03-18 23:47", LIU, "missed", summary="深夜23:47未接来电")
    call("2026-03-19 12:30", ZHANG2, "rejected", summary="来电已挂断")
    ids["complaint_12378"] = w.event(
        "complaint", "2026-03-20 09:30", direction="outgoing", party_id=p["funder"],
        summary="拨打12378向金融监管部门投诉安和消费金融及其催收机构",
        details={"channel": "12378", "ticket_no": "12378-20260320-4417", "reply_due": "2026-04-04",
                 "outcome": "已受理，告知3个工作日内转交机构处理"},
        follow_up=today + timedelta(days=2), follow_up_note="致电12378查询投诉办理进度（工单12378-20260320-4417）")
    call("2026-03-20 19:10", ZHAO, "answered", 200, summary="投诉后赵主管来电，问我是不是投诉了",
         quotes="你投诉也没用，投诉完还是我们来催。")

    # ---- week 6: the "lawyer's letter", late calls continue --------------------------------------
    call("2026-03-21 22:05", LIU2, "answered", 95, summary="周六22:05来电，又称“法院马上立案”",
         conduct=["false_legal_claim"], quotes="法院那边我已经打过招呼了，下周一就立案。")
    call("2026-03-22 13:40", LIU2, "rejected", summary="来电已挂断")
    call("2026-03-23 11:20", ZHANG, "answered", 90, target="third_party", target_party_id=p["colleague"],
         summary="再次打给同事王敏", conduct=["third_party_disclosure"])
    call("2026-03-24 06:58", ZHANG2, "rejected", summary="早上6:58来电，已挂断")
    ids["letter"] = w.event(
        "letter", "2026-03-25 16:00", direction="incoming", party_id=p["agency"],
        summary="收到署名“律师事务所”的《律师函》，称将起诉并申请强制执行",
        body="（见附件转录）律师函：……限你于2026年4月10日前结清全部欠款21,436.52元，逾期我所将向人民法院"
             "提起诉讼并申请强制执行、限制高消费，由此产生的诉讼费、律师费由你承担……",
        conduct=["impersonation", "false_legal_claim"],
        details={"sender": "“华衡律师事务所”（查无此所）", "delivery": "快递（寄件人电话0755-2366 1850）"},
        follow_up=date(2026, 4, 10), follow_up_note="核实“律师函”所称是否真的起诉（查询中国裁判文书网／法院电话）")
    call("2026-03-25 09:30", ZHANG2, "missed", summary="未接来电")
    call("2026-03-26 22:20", ZHANG, "voicemail", 35, summary="22:20来电，留下语音留言",
         quotes="（语音留言）林晓雯，最后通知，明天不回电就上门。", conduct=["threat"])
    call("2026-03-27 21:15", "未知号码", "missed", summary="隐藏号码来电，未接")
    call("2026-03-28 09:15", LIU, "missed", summary="周六上午未接来电")
    call("2026-03-30 22:30", ZHANG, "answered", 150, summary="22:30来电催收",
         quotes="投诉？你投诉一次我们打你一百次。", conduct=["threat"])
    call("2026-03-31 10:00", ZHAO, "missed", summary="未接来电")
    ids["callback"] = call("2026-03-31 15:30", ZHAO, "answered", 360, direction="outgoing", party_id=p["zhao"],
                           summary="我回电赵主管，再次要求书面分期方案和停止联系单位")
    ids["note_records"] = w.event(
        "note", "2026-03-31 20:00",
        summary="整理材料：通话记录截图、短信截图、录音、照片已全部存入证据库",
        follow_up=today + timedelta(days=5), follow_up_note="准备投诉材料PDF，寄送协商还款申请书（EMS）")
    return ids
