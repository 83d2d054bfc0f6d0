"""The texts of EKTİS (az first, en too), its reports (A10) included, registered once at import."""

from __future__ import annotations

from egov.platform import i18n

# Subsidy declarations and applications, input claims, complaints (issue 17 items 1-2; A3-A5).
i18n.register(
    {
        "ektis.subsidy.no-rates": {
            "az": "{season} mövsümü üçün subsidiya dərəcələri yoxdur",
            "en": "There are no subsidy rates for the {season} season",
        },
        "ektis.declaration.missing": {
            "az": "Bəyannamə tapılmadı",
            "en": "No such declaration",
        },
        "ektis.subsidy.nothing": {
            "az": "Bəyannamədə subsidiya dərəcəsi olan sətir yoxdur",
            "en": "The declaration has no line a subsidy rate applies to",
        },
        "ektis.subsidy.too-many-lines": {
            "az": "Bir müraciətdə sətirlər və sayılan heyvanlar birlikdə ən çox {limit} ola bilər",
            "en": "One application takes at most {limit} lines and animals counted together",
        },
        "ektis.subsidy.animal-already": {
            "az": "Bəyannamədəki heyvan bu mövsüm üçün artıq subsidiya müraciətindədir "
            "(bu və ya başqa təsərrüfatda)",
            "en": "An animal of the declaration is already in a subsidy application for this "
            "season (on this or another holding)",
        },
        "ektis.subsidy.already": {
            "az": "Bəyannamədəki sahə bu mövsüm üçün artıq subsidiya müraciətindədir",
            "en": "A parcel of the declaration is already in a subsidy application for this season",
        },
        "ektis.subsidy.missing": {"az": "Subsidiya müraciəti tapılmadı", "en": "No such subsidy"},
        "ektis.subsidy.changed": {
            "az": "Müraciət eyni vaxtda dəyişdirilib; yenidən cəhd edin",
            "en": "The application changed at the same time; please try again",
        },
        "ektis.subsidy.not-granted": {
            "az": "Subsidiya hələ verilməyib; giriş vəsaiti tələb edilə bilməz",
            "en": "The subsidy has not been granted; no input amount can be claimed",
        },
        "ektis.subsidy.claim-exceeds": {
            "az": "Tələb qalan məbləğdən ({remaining} AZN) çoxdur",
            "en": "The claim exceeds the remaining amount ({remaining} AZN)",
        },
        "ektis.subsidy.not-supplier": {
            "az": "Qalan məbləği yalnız təchizatçı kimi qeydiyyatda olan subyekt tələb edə bilər",
            "en": "Only a subject registered as a supplier claims the remaining amount",
        },
        "ektis.application.subsidy": {
            "az": "Subsidiya müraciəti ({season} mövsümü)",
            "en": "Subsidy application ({season} season)",
        },
        "ektis.application.complaint": {
            "az": "Şikayət: {kind} {id}",
            "en": "Complaint: {kind} {id}",
        },
        "ektis.status.pending": {
            "az": "Qurumun qərarını gözləyir",
            "en": "Waiting for the agency's decision",
        },
        "ektis.status.overdue": {
            "az": "Müddət keçib; məsələ yuxarı orqana ötürülüb",
            "en": "Overdue; escalated",
        },
        "ektis.status.granted": {"az": "Subsidiya verilib", "en": "Subsidy granted"},
        "ektis.status.refused": {"az": "İmtina edilib", "en": "Refused"},
        "ektis.status.failed": {
            "az": "Cavab alınmadı; operator yoxlayır",
            "en": "No answer could be obtained; the operator is looking into it",
        },
        "ektis.status.open": {"az": "Cavab gözləyir", "en": "Awaiting an answer"},
        "ektis.status.corrected": {"az": "Məlumat düzəldilib", "en": "Data corrected"},
        "ektis.note.reason": {"az": "Səbəb: {reason}", "en": "Reason: {reason}"},
        "ektis.subsidy-granted.title": {
            "az": "Subsidiya müraciətiniz təmin edildi",
            "en": "Your subsidy application was granted",
        },
        "ektis.subsidy-granted.body": {
            "az": "{season} mövsümü üzrə {total} AZN subsidiya verildi; giriş vəsaiti: "
            "{inputTotal} AZN.",
            "en": "A subsidy of {total} AZN was granted for the {season} season; inputs: "
            "{inputTotal} AZN.",
        },
        "ektis.subsidy-refused.title": {
            "az": "Subsidiya müraciətiniz rədd edildi",
            "en": "Your subsidy application was refused",
        },
        "ektis.subsidy-refused.body": {
            "az": "{season} mövsümü üzrə müraciət rədd edildi. Səbəb: {reason}",
            "en": "The application for the {season} season was refused. Reason: {reason}",
        },
        "ektis.subsidy-overdue.title": {
            "az": "Subsidiya müraciətinə vaxtında cavab verilmədi",
            "en": "A subsidy application was not decided in time",
        },
        "ektis.subsidy-overdue.body": {
            "az": "{subsidyId} nömrəli müraciətin müddəti {deadline} bitdi ({count}-ci dəfə); "
            "sorğu açıq qalır, yeni müddət: {next}.",
            "en": "Application {subsidyId} passed its deadline {deadline} (time {count}); the "
            "request stays open, new deadline: {next}.",
        },
        "ektis.subsidy-failed.title": {
            "az": "Subsidiya müraciəti üzrə sorğu cavabsız bağlandı",
            "en": "A subsidy request ended without an answer",
        },
        "ektis.subsidy-failed.body": {
            "az": "{subsidyId} nömrəli müraciət üzrə sorğu cavabsız bağlandı; yoxlayın.",
            "en": "The request about application {subsidyId} ended without an answer; please "
            "look into it.",
        },
        "ektis.input-claimed.title": {
            "az": "Təchizatçı subsidiyanız üzrə giriş vəsaiti tələb etdi",
            "en": "A supplier claimed input money under your subsidy",
        },
        "ektis.input-claimed.body": {
            "az": "Təchizatçı {invoice} qaiməsi üzrə {amount} AZN tələb etdi ({goods}); qalan: "
            "{remaining} AZN. Razı deyilsinizsə, şikayət edin.",
            "en": "A supplier claimed {amount} AZN on invoice {invoice} ({goods}); remaining: "
            "{remaining} AZN. If you disagree, file a complaint.",
        },
        "ektis.complaint.missing": {"az": "Şikayət tapılmadı", "en": "No such complaint"},
        "ektis.complaint.record-missing": {
            "az": "Şikayət edilən qeyd tapılmadı",
            "en": "The record complained about was not found",
        },
        "ektis.complaint.respondent-needed": {
            "az": "Qeydi daxil edən subyekti göstərin",
            "en": "Name the subject who entered the record",
        },
        "ektis.complaint.respondent-unknown": {
            "az": "Belə subyekt EKTİS-də qeydiyyatda deyil",
            "en": "No such subject is registered in EKTİS",
        },
        "ektis.complaint.answered": {
            "az": "Şikayətə artıq cavab verilib",
            "en": "The complaint has already been answered",
        },
        "ektis.complaint.reason-required": {
            "az": "İmtinanın səbəbini yazın",
            "en": "Give the reason for the refusal",
        },
        "ektis.complaint.corrections-required": {
            "az": "Edilən düzəlişləri göstərin",
            "en": "List the corrections made",
        },
        "ektis.complaint.changed": {
            "az": "Şikayət eyni vaxtda dəyişdirilib; yenidən cəhd edin",
            "en": "The complaint changed at the same time; please try again",
        },
        "ektis.complaint-filed.title": {
            "az": "Sizin daxil etdiyiniz məlumat barədə şikayət var",
            "en": "A complaint was filed about data you entered",
        },
        "ektis.complaint-filed.body": {
            "az": "{kind} {id} barədə şikayət: {deadline} tarixinədək düzəliş edin və ya "
            "səbəb göstərərək imtina edin.",
            "en": "A complaint about {kind} {id}: correct the data or refuse with a reason by "
            "{deadline}.",
        },
        "ektis.movement-lapsed.title": {
            "az": "Heyvanın yerdəyişməsi təsdiqlənmədi",
            "en": "An animal's movement was not confirmed",
        },
        "ektis.movement-lapsed.body": {
            "az": "{earTag} sırğa nömrəli heyvanın {to} ünvanına yerdəyişməsi müddətində "
            "təsdiqlənmədiyi üçün ləğv olundu; heyvan sizin təsərrüfatınızda qalır.",
            "en": "The movement of the animal with ear tag {earTag} to {to} was not confirmed "
            "in time and has lapsed; the animal stays in your holding.",
        },
        "ektis.complaint-answered.title": {
            "az": "Şikayətinizə cavab verildi",
            "en": "Your complaint was answered",
        },
        "ektis.complaint-answered.body": {
            "az": "{kind} {id} barədə şikayətiniz: {outcome}. {reason}",
            "en": "Your complaint about {kind} {id}: {outcome}. {reason}",
        },
        "ektis.complaint-overdue.title": {
            "az": "Şikayətə vaxtında cavab verilmədi",
            "en": "A complaint was not answered in time",
        },
        "ektis.complaint-overdue.body": {
            "az": "{kind} {id} barədə şikayətin cavab müddəti {deadline} bitdi; şikayət "
            "Kənd Təsərrüfatı Nazirliyinə ötürüldü.",
            "en": "The answer period of the complaint about {kind} {id} ended {deadline}; the "
            "complaint was escalated to the Ministry of Agriculture.",
        },
        # §7.9: the time an SMS reached the person, to the e-mail address (if any).
        "ektis.notice.sms-delivered.title": {
            "az": "SMS bildirişi çatdırıldı",
            "en": "Your SMS notice was delivered",
        },
        "ektis.notice.sms-delivered.body": {
            "az": "{agency} tərəfindən göndərilən «{document}» barədə SMS bildirişi "
            "{deliveredAt} (Bakı vaxtı) telefonunuza çatdırıldı. Bu vaxt sənədin yanında "
            "elektron kabinetinizdə də göstərilir.",
            "en": "The SMS notice about “{document}” sent by {agency} reached your phone at "
            "{deliveredAt} (Baku time). The time is also shown beside the document in your "
            "cabinet.",
        },
    }
)

# Documents from other systems, declaration corrections, withdrawals (issue 17 items 1-3; A3, A9).
i18n.register(
    {
        "ektis.declaration.changed": {
            "az": "Bəyannamə bu arada dəyişib; yenidən oxuyun",
            "en": "The declaration changed meanwhile; read it again",
        },
        "ektis.declaration.correction-field": {
            "az": "Düzəliş bəyannamənin sətrini göstərməlidir: lines[N].quantity, "
            "lines[N].name və ya lines[N].crop (N 0-dan)",
            "en": "A correction must name a line of the declaration: lines[N].quantity, "
            "lines[N].name or lines[N].crop (N from 0)",
        },
        "ektis.declaration.correction-before": {
            "az": "Əvvəlki dəyər bəyannamədəki ilə üst-üstə düşmür",
            "en": "The value before does not match the declaration",
        },
        "ektis.declaration.correction-quantity": {
            "az": "Miqdar mənfi olmayan ədəd olmalıdır (baş sayı tam ədəd)",
            "en": "The quantity must be a non-negative number (heads a whole number)",
        },
        "ektis.subsidy.not-pending": {
            "az": "Yalnız baxılmaqda olan müraciəti geri götürmək olar",
            "en": "Only an application still being decided can be withdrawn",
        },
        "ektis.status.withdrawn": {"az": "Geri götürülüb", "en": "Withdrawn"},
        "ektis.document.signature-invalid": {
            "az": "EHİS mesajının imzası yoxlanışdan keçmədi",
            "en": "The exchange's (EHİS) message signature does not verify",
        },
        "ektis.document.type": {
            "az": "Mesajın növü tanınmır",
            "en": "The message type is not known",
        },
        "ektis.document.content": {
            "az": "Sənədin məzmunu base64 ilə kodlaşdırılmış, boş olmayan və {limit} baytdan "
            "böyük olmayan fayl olmalıdır",
            "en": "The document's content must be a base64-encoded, non-empty file of at most "
            "{limit} bytes",
        },
        "ektis.document.hash": {
            "az": "Sənədin SHA-256 heşi məzmuna uyğun deyil",
            "en": "The document's SHA-256 hash does not match its content",
        },
        "ektis.document.missing": {"az": "Sənəd tapılmadı", "en": "No such document"},
        "ektis.document.placed": {
            "az": "Bu sənəd artıq kabinetdə yerləşdirilib",
            "en": "This document has already been placed in the cabinet",
        },
    }
)

i18n.register(
    {
        "ektis.subject.taken": {
            "az": "Bu FİN və ya VÖEN ilə subyekt artıq qeydiyyatdadır",
            "en": "A subject with this FIN or VÖEN is already registered",
        },
        "ektis.subject.exists": {
            "az": "Sizin artıq EKTİS-də qeydiyyatınız var",
            "en": "You already have an EKTİS registration",
        },
        "ektis.subject.missing": {
            "az": "Əvvəlcə EKTİS-də subyekt kimi qeydiyyatdan keçin",
            "en": "Register as an EKTİS subject first",
        },
        "ektis.subject.not-identified": {
            "az": 'EKTİS-də qeydiyyat üçün əvvəlcə "ASAN İmza" ilə daxil olun (identikləşmə)',
            "en": "Sign in with ASAN İmza first: EKTİS registers identified persons only",
        },
        "ektis.subject.not-yours": {
            "az": "Yalnız özünüzü və ya rəhbəri olduğunuz hüquqi şəxsi qeydiyyata ala bilərsiniz",
            "en": "You may register only yourself or a legal entity you head",
        },
        "ektis.subject.needs-fin": {
            "az": "Fiziki şəxs üçün FİN tələb olunur",
            "en": "A person is registered with a FIN",
        },
        "ektis.subject.needs-voen": {
            "az": "Hüquqi şəxs üçün VÖEN tələb olunur",
            "en": "A legal entity is registered with a VÖEN",
        },
        "ektis.subject.liquidated": {
            "az": "Bu VÖEN üzrə hüquqi şəxs ləğv olunub",
            "en": "The legal entity of this VÖEN has been liquidated",
        },
        # ------------------------------------------------ suppliers, procurers (A4, A5)
        "ektis.not-authorised": {
            "az": "Bu subyektin məlumatlarına baxmaq və ya dəyişmək səlahiyyətiniz yoxdur",
            "en": "You may not see or change this subject's data",
        },
        "ektis.kind-required": {
            "az": "Bu əməliyyat üçün EKTİS-də {kind} kimi qeydiyyat tələb olunur",
            "en": "This needs an EKTİS registration as {kind}",
        },
        "ektis.party.unknown": {
            "az": "Bu FİN və ya VÖEN ilə EKTİS-də fermer tapılmadı",
            "en": "No farmer in EKTİS has this FIN or VÖEN",
        },
        "ektis.movement.missing": {
            "az": "Bu heyvanın sizin təsərrüfatınıza göndərilmiş köçürməsi yoxdur",
            "en": "No movement of this animal was sent to your holding",
        },
        "ektis.animal.in-transit": {
            "az": "Heyvanın köçürməsi göndərilib, qəbul edən təsərrüfat hələ təsdiqləməyib",
            "en": "The animal's movement was sent and the receiving holding has not confirmed it",
        },
        "ektis.party.self": {
            "az": "Qarşı tərəf özünüz ola bilməz",
            "en": "The other party cannot be yourself",
        },
        "ektis.delegation.unknown-user": {
            "az": "Bu istifadəçi adı ilə hesab tapılmadı",
            "en": "No account has this username",
        },
        "ektis.request.missing": {
            "az": "Müraciət tapılmadı",
            "en": "No such request",
        },
        "ektis.request.recipient": {
            "az": "Müraciət yalnız təchizatçıya, baytar həkiminə və ya süni mayalanma "
            "mütəxəssisinə göndərilə bilər",
            "en": "A request goes to a supplier, a vet or an insemination specialist",
        },
        "ektis.request.lines-required": {
            "az": "İstehsal vasitələri üçün müraciətdə ən azı bir mövqe olmalıdır",
            "en": "A request for inputs lists at least one item",
        },
        "ektis.request.decided": {
            "az": "Bu müraciət üzrə artıq qərar verilib",
            "en": "This request has already been decided",
        },
        "ektis.request.reason-required": {
            "az": "İmtinanın əsası göstərilməlidir",
            "en": "A refusal needs a reason",
        },
        "ektis.approbation.parcel-required": {
            "az": "Aprobasiya üçün toxum sahəsi (öz torpaq sahəniz) göstərilməlidir",
            "en": "A field approbation names the seed field (one of your parcels)",
        },
        "ektis.approbation.quantity-required": {
            "az": "Sertifikat üçün toxum partiyasının miqdarı göstərilməlidir",
            "en": "A seed certificate names the quantity of the seed lot",
        },
        "ektis-trade.title.inputs": {
            "az": "{to} təchizatçısına istehsal vasitələri üçün müraciət",
            "en": "Request for inputs to {to}",
        },
        "ektis-trade.title.service": {
            "az": "{to} üçün xidmət müraciəti",
            "en": "Service request to {to}",
        },
        "ektis-trade.status.sent": {"az": "Göndərilib", "en": "Sent"},
        "ektis-trade.status.approved": {"az": "Təsdiqlənib", "en": "Approved"},
        "ektis-trade.status.refused": {"az": "İmtina edilib", "en": "Refused"},
        "ektis-seeds.title.field-approbation": {
            "az": "Toxum və ting əkinlərinin aprobasiyası: {crop} ({variety})",
            "en": "Seed field approbation: {crop} ({variety})",
        },
        "ektis-seeds.title.seed-certificate": {
            "az": "Toxum sertifikatı: {crop} ({variety})",
            "en": "Seed certificate: {crop} ({variety})",
        },
        "ektis-seeds.status.submitted": {"az": "Qəbul edilib", "en": "Submitted"},
        # ------------------------------------------------ livestock (A6, A7)
        "ektis.ear-tag.format": {
            "az": "Sırğa nömrəsi AZ və 12 rəqəmdən ibarətdir",
            "en": "An ear tag is AZ followed by 12 digits",
        },
        "ektis.ear-tag.check-digit": {
            "az": "Sırğa nömrəsinin yoxlama rəqəmi uyğun gəlmir; nömrəni yoxlayın",
            "en": "The ear tag's check digit does not match; please check the number",
        },
        "ektis.animal.taken": {
            "az": "Bu sırğa nömrəsi ilə heyvan artıq qeydiyyatdadır",
            "en": "An animal with this ear tag is already registered",
        },
        "ektis.animal.missing": {
            "az": "Bu sırğa nömrəsi ilə heyvan tapılmadı",
            "en": "No animal has this ear tag",
        },
        "ektis.animal.moved": {
            "az": "Heyvan eyni vaxtda başqa yerə köçürülüb və ya dəyişdirilib; yenidən baxın",
            "en": "The animal was moved or changed at the same time; please look again",
        },
        "ektis.animal.not-kept": {
            "az": "Heyvan sizin təsərrüfatınızda deyil",
            "en": "The animal is not on your holding",
        },
        "ektis.animal.same-holding": {
            "az": "Heyvan artıq bu təsərrüfatdadır",
            "en": "The animal is already on this holding",
        },
        "ektis.animal.future-date": {
            "az": "Tarix gələcəkdə ola bilməz",
            "en": "The date cannot be in the future",
        },
        "ektis.animal.before-birth": {
            "az": "Tarix heyvanın doğum tarixindən əvvəl ola bilməz",
            "en": "The date cannot be before the animal's birth",
        },
        "ektis.animal.not-newborn": {
            "az": "Yenidoğulmuş heyvanın sağlamlıq sənədi doğumdan sonrakı {days} gün ərzində "
            "daxil edilir",
            "en": "A newborn's health document is entered within {days} days of its birth",
        },
        "ektis.animal.dam": {
            "az": "Ana heyvan bu təsərrüfatda olan eyni növdən dişi heyvan olmalıdır",
            "en": "The dam must be a female of the same species on this holding",
        },
        "ektis.animal.insemination": {
            "az": "Mayalanma bu ana heyvana aid deyil və ya doğumdan sonradır",
            "en": "The insemination is not the dam's or is not before the birth",
        },
        "ektis.animal.origin": {
            "az": "Mənşə natamamdır: doğulmuş heyvan üçün ana, idxal üçün ölkə göstərilir",
            "en": "The origin is incomplete: a born animal names its dam, an imported one its "
            "country",
        },
        "ektis.herd.missing": {
            "az": "Sürü tapılmadı və ya başqa növdəndir",
            "en": "No such herd of this species on your holding",
        },
        "ektis.health.detail-required": {
            "az": "Xəstəlik və müalicə üçün xəstəlik, peyvənd üçün vaksin göstərilməlidir",
            "en": "A disease or treatment names the disease, a vaccination the vaccine",
        },
        "ektis.insemination.female": {
            "az": "Yalnız dişi heyvan mayalandırılır",
            "en": "Only a female animal is inseminated",
        },
        # ------------------------------------------------ manual entry (A11)
        "ektis.manual.incomplete": {
            "az": "Əl ilə daxiletmə növünə uyğun məlumat göndərilməlidir",
            "en": "A manual entry carries the data its kind needs",
        },
        "ektis.parcel.cadastre-taken": {
            "az": "Bu kadastr nömrəsi ilə torpaq sahəsi artıq qeydiyyatdadır",
            "en": "A parcel with this cadastre number is already registered",
        },
        "ektis.parcel.missing": {
            "az": "Torpaq sahəsi tapılmadı",
            "en": "No such land parcel",
        },
        "ektis.parcel.changed": {
            "az": "Qonşu sahə eyni vaxtda dəyişdirilib; yenidən cəhd edin",
            "en": "A neighbouring parcel changed at the same time; please try again",
        },
        "ektis.geometry.type": {
            "az": "Sahənin həndəsəsi GeoJSON Polygon olmalıdır",
            "en": "The parcel's geometry must be a GeoJSON Polygon",
        },
        "ektis.geometry.ring-short": {
            "az": "Çoxbucaqlının hər konturu ən azı 4 nöqtədən ibarət olmalıdır",
            "en": "Every ring of the polygon needs at least 4 positions",
        },
        "ektis.geometry.not-closed": {
            "az": "Kontur qapalı deyil: ilk və son nöqtə eyni olmalıdır",
            "en": "The ring is not closed: its first and last positions must be the same",
        },
        "ektis.geometry.position": {
            "az": "Hər nöqtə [uzunluq, en] cütüdür (dərəcə ilə)",
            "en": "Every position is a [longitude, latitude] pair in degrees",
        },
        "ektis.geometry.outside": {
            "az": "Sahə Azərbaycanın ərazisindən kənardadır",
            "en": "The parcel lies outside Azerbaijan",
        },
        "ektis.geometry.self-intersecting": {
            "az": "Sahənin sərhədi özü-özünü kəsir ({where})",
            "en": "The parcel's boundary crosses itself ({where})",
        },
        "ektis.geometry.invalid": {
            "az": "Sahənin həndəsəsi düzgün deyil ({reason})",
            "en": "The parcel's geometry is not valid ({reason})",
        },
        "ektis.geometry.too-large": {
            "az": "Sahə bir torpaq sahəsi üçün çox genişdir; onu hissələrə bölün",
            "en": "The polygon spans too wide an area for one parcel; split it",
        },
        "ektis.geometry.area-mismatch": {
            "az": "Xəritədəki sahə ({computedHa} ha) bəyan edilən sahədən ({declaredHa} ha) "
            "icazə veriləndən ({toleranceHa} ha) çox fərqlənir",
            "en": "The mapped area ({computedHa} ha) differs from the declared area "
            "({declaredHa} ha) by more than the tolerance ({toleranceHa} ha)",
        },
        "ektis.bbox.invalid": {
            "az": "Sərhəd qutusu: minUzunluq,minEn,maksUzunluq,maksEn (dərəcə ilə)",
            "en": "The bounding box is minLon,minLat,maxLon,maxLat in degrees",
        },
        "ektis.bbox.too-large": {
            "az": "Sərhəd qutusu çox böyükdür ({cells} xana, ən çox {limit}); xəritəni böyüdün",
            "en": "The bounding box is too large ({cells} cells, at most {limit}); zoom in",
        },
    }
)

# ------------------------------------------------------------ reconciliation and reports (A10)
i18n.register(
    {
        "ektis.report.period": {
            "az": "Dövr düzgün deyil: son ay ilk aydan əvvəl ola bilməz, dövr 5 ildən uzun olmamalıdır",
            "en": "The period is invalid: the last month cannot precede the first, and a period is "
            "at most 5 years",
        },
        "ektis.report.region": {
            "az": "Belə rayon kodu yoxdur (ISO 3166-2:AZ)",
            "en": "There is no such district code (ISO 3166-2:AZ)",
        },
        "ektis.report.dimension": {
            "az": "Qrafik yalnız hesabatın qruplaşdırıldığı ölçü üzrə qurula bilər",
            "en": "A chart can only be drawn by a dimension the report is grouped by",
        },
        "ektis.report.missing": {
            "az": "Hesabat tapılmadı",
            "en": "The report was not found",
        },
        "ektis.report.not-ready": {
            "az": "Hesabat hələ hazır deyil; gedişatını hesabatın öz ünvanı göstərir",
            "en": "The report is not ready yet; the report itself shows its progress",
        },
        "ektis.correction.field": {
            "az": "Bu sahə düzəldilə bilməz: date, invoiceNumber, lines[N].quantity, "
            "lines[N].unit və ya lines[N].priceAzn",
            "en": "This field cannot be corrected: date, invoiceNumber, lines[N].quantity, "
            "lines[N].unit or lines[N].priceAzn",
        },
        "ektis.correction.before": {
            "az": "Düzəlişin 'əvvəl' dəyəri qeyddəki dəyərlə üst-üstə düşmür",
            "en": "The correction's 'before' does not match the record",
        },
        "ektis.correction.value": {
            "az": "Düzəlişin yeni dəyəri bu sahə üçün yararsızdır",
            "en": "The correction's new value is not valid for this field",
        },
        # What each mismatch means, in the report and its CSV.
        "ektis.mismatch.parcel-not-in-cadastre": {
            "az": "Bəyan edilmiş sahə torpaq kadastrında yoxdur",
            "en": "The declared parcel is not in the land cadastre",
        },
        "ektis.mismatch.parcel-area-exceeds-cadastre": {
            "az": "Bəyan edilmiş sahə kadastrdakı sahədən böyükdür",
            "en": "The declared area exceeds the cadastre's area",
        },
        "ektis.mismatch.parcel-category-differs": {
            "az": "Torpağın kateqoriyası kadastrdakından fərqlidir",
            "en": "The land category differs from the cadastre's",
        },
        "ektis.mismatch.parcel-holder-differs": {
            "az": "Kadastrda sahənin hüquq sahibi başqa şəxsdir",
            "en": "The cadastre names another right holder",
        },
        "ektis.mismatch.animals-declared-not-held": {
            "az": "Bəyannamədəki baş sayı heyvandarlıq reyestrindən (hərəkətlərdən sonra) çoxdur",
            "en": "The declaration states more head than the livestock registry holds after "
            "movements",
        },
        "ektis.mismatch.purchase-without-sale": {
            "az": "Tədarükçünün alışına uyğun fermer satışı yoxdur",
            "en": "The procurer's purchase has no matching sale by the farmer",
        },
        "ektis.mismatch.sale-without-purchase": {
            "az": "Fermerin satışına uyğun tədarükçü alışı yoxdur",
            "en": "The farmer's sale has no matching purchase by the procurer",
        },
        "ektis.mismatch.purchase-sale-quantity-differs": {
            "az": "Alış və satışın miqdarı fərqlidir",
            "en": "The purchased and sold quantities differ",
        },
        "ektis.report.chart-title": {
            "az": "{measure}: {dimension} üzrə, {from} – {to}",
            "en": "{measure} by {dimension}, {from} – {to}",
        },
    }
)
