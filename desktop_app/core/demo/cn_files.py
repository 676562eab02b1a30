"""The Chinese demo's evidence files, generated (screenshots, a door photo, a call recording,
a transcribed letter, a sample medical certificate) and linked to their events.

File names follow what the phones really produce (Screenshot_YYYYMMDD-HHMMSS.png, IMG_…jpg,
Xiaomi's "number(number)_YYYYMMDDHHMMSS.wav"), so the vault reads capture times the same way
it would for a user's own files.
"""

from __future__ import annotations

from desktop_app.core.demo import cn_timeline as t
from desktop_app.core.demo.builder import DemoWriter
from desktop_app.core.demo.photos import door_photo, exif_bytes
from desktop_app.core.demo.render import (
    Bubble,
    CallRow,
    call_log_screenshot,
    chat_screenshot,
    document_image,
    sms_screenshot,
)
from desktop_app.core.demo.sound import call_recording

LETTER = """\
【转录】2026年3月25日收到的快递信件（原件另存）

华衡律师事务所
律 师 函
（2026）华衡律催字第0325-117号

林晓雯女士：

本所受安和消费金融有限公司委托，就你在“乐享分期”平台借款逾期一事致函如下：

截至本函发出之日，你尚欠本金、利息、罚息及催收服务费共计21,436.52元，已严重违约。你的行为已涉嫌恶意逃废债务，
情节严重的可能构成诈骗罪。

限你于2026年4月10日前结清全部欠款。逾期我所将向人民法院提起诉讼并申请强制执行、限制高消费，同时将你的失信信息
报送征信黑名单并通报你所在单位及户籍所在地村委会，由此产生的诉讼费、律师费均由你承担。

联系人：刘律师  171 0068 2291

华衡律师事务所（无公章，仅有打印的红色圆形图案）
2026年3月23日

———— 以下为本人备注 ————
1. 信封寄件人电话为0755-2366 1850，与催收公司座机相同。
2. 在司法行政机关的律师事务所查询平台中未查到“华衡律师事务所”。
3. 信中所列欠款含“催收服务费”，与App账单不符（App显示应还19,436.52元）。
4. 本件为演示案例中的虚构文书。
"""


def add_files(w: DemoWriter, ids: dict[str, int]) -> list[int]:
    """Generate and attach the files; return the ids of the hardship evidence (for the negotiation)."""
    rows = [CallRow(t.ZHANG, "呼入未接 · 广东 深圳 · 虚拟运营商" if i % 3 != 2 else "已挂断 · 广东 深圳",
                    hhmm, missed=True)
            for i, hhmm in reversed(list(enumerate(["09:02", "09:47", "10:31", "11:58", "13:14", "14:40", "16:05",
                                                     "18:22", "21:40"])))]
    w.file(call_log_screenshot("2月23日 星期一", rows, "22:05"), "Screenshot_20260223-220512.png",
           [ids[f"burst1_{i}"] for i in range(9)], "通话记录截图：2月23日同一号码未接来电9次")

    w.file(sms_screenshot(t.ZHANG, "广东 深圳", [
        Bubble(t.SMS_0218, stamp="2月18日 周三 13:10"),
        Bubble("我没有说不还，我在跟客服申请分期。", mine=True),
        Bubble(t.SMS_0315, stamp="3月15日 周日 21:28"),
    ], "21:30"), "Screenshot_20260315-213012.png", [ids["sms_threat"], ids["sms_blacklist"]],
        "短信截图：张经理（170 1234 5678）威胁立案、上征信黑名单、通知单位和家人")

    w.file(sms_screenshot(t.LIU, "广东 深圳", [Bubble(t.SMS_0225, stamp="2月25日 周三 10:12")], "10:15"),
           "Screenshot_20260225-101544.png", [ids["sms_fake_court"]],
           "短信截图：自称“乐享法务部刘律师”称已交法院、三日内拘留")

    w.file(sms_screenshot(t.IMPOSTOR, "广东 深圳", [
        Bubble(t.SMS_0310, stamp="3月10日 周二 16:40"),
        Bubble("你是平台哪个部门的？工号多少？为什么不能在App里还？", mine=True),
        Bubble("我们是总部特批通道，App里办不了减免，转账后给你出结清证明。名额有限，今天必须确认。"),
    ], "16:45"), "Screenshot_20260310-164522.png", [ids["impostor_sms"], ids["impostor_call"]],
        "短信截图：冒充“上门协商专员”，要求转账到个人账户")

    w.file(chat_screenshot("乐享法务-刘律师", [
        Bubble("我是乐享法务刘律师，加你方便沟通。今天必须给个说法，不然明天材料直接递交法院。",
               stamp="3月1日 21:30"),
        Bubble("请用你们公司的官方号码联系我，不要用私人微信。", mine=True),
        Bubble("你不还是吧？明天我就把你的欠款信息和照片发到你们枫林苑业主群，让全小区都看看。",
               stamp="3月17日 20:33"),
    ], "20:35", "刘"), "Screenshot_2026-03-17-20-35-02-118_com.tencent.mm.png", [ids["wechat1"], ids["wechat2"]],
        "微信聊天截图：催收员用私人微信威胁发到小区业主群")

    exif = exif_bytes("2026:03:07 09:34:12", "+08:00")
    w.file(door_photo("2026-03-07 09:34", seed=307, people=2, exif=exif), "IMG_20260307_093412.jpg",
           [ids["home_visit"]], "照片：两名催收人员未预约上门（从门内拍摄）")

    w.file(call_recording(6.0, seed=303), f"{t.ZHANG.replace(' ', '')}({t.ZHANG.replace(' ', '')})"
           "_20260303221530.wav", [ids["recorded_call"]], "通话录音片段：3月3日22:15威胁上门（演示用合成音频）")

    w.file(LETTER.encode("utf-8"), "律师函_转录_20260325.txt", [ids["letter"]],
           "“律师函”全文转录及本人核实备注", capture="2026-03-25 20:10")

    cert = document_image(
        "诊 断 证 明 书", "深圳市示例区第二人民医院（虚构）",
        [("姓    名", "林晓雯"), ("性    别", "女"), ("年    龄", "29岁"), ("科    室", "骨科"),
         ("门诊号", "MZ-2026-010987"), ("就诊日期", "2026年1月8日")],
        "诊断：右胫骨中段骨折（闭合性），已行切开复位内固定术。\n"
        "医嘱：术后需休息治疗三个月（2026年1月8日至2026年4月8日），避免负重，定期复查。\n"
        "（以上内容为演示用样本，并非真实病历。）",
        "医师签名：（示例）\n2026年1月9日", "诊断证明专用章", "样本 · 仅供演示")
    hardship = w.file(cert, "诊断证明书_20260109.png", [ids["neg2"]], "困难证明：诊断证明书（示例样本）",
                      capture="2026-01-09 10:15")
    return [hardship]
