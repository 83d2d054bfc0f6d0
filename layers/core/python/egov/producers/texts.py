"""Every text of the producers service meant for a person, Azerbaijani first (DESIGN rule
12): problem titles and details, field rules and notices. Registered once, on import of
`egov.producers.models`, which every module of the service imports."""

from __future__ import annotations

from egov.platform import i18n

i18n.register(
    {
        # egov.producers.activation
        "producers.activation.title": {
            "az": "Kənd təsərrüfatı portalında kabinetiniz yaradıldı",
            "en": "Your cabinet on the agricultural portal has been created",
        },
        "producers.activation.body": {
            "az": "İstifadəçi adınız: {username}. Şifrə təyin etmək üçün aktivləşdirmə kodunuz: "
            "{code} (7 gün etibarlıdır).",
            "en": "Your username: {username}. Your activation code to set a password: {code} "
            "(valid for 7 days).",
        },
        "producers.activation.invalid": {
            "az": "İstifadəçi adı və ya aktivləşdirmə kodu yanlışdır, ya da müddəti bitib",
            "en": "The username or activation code is wrong or has expired",
        },
        "producers.cabinet-active.title": {
            "az": "Şəxsi kabinetiniz aktivdir",
            "en": "Your personal cabinet is active",
        },
        "producers.cabinet-active.body": {
            "az": "Kənd təsərrüfatı portalında şəxsi kabinetiniz aktiv edildi. İstifadəçi adınız: "
            "{username}.",
            "en": "Your personal cabinet on the agricultural portal has been activated. Your "
            "username: {username}.",
        },
        "producers.activated": {
            "az": "Kabinetiniz aktivləşdirildi; istifadəçi adınız və şifrənizlə daxil olun.",
            "en": "Your cabinet is active; log in with your username and password.",
        },
        # egov.producers.cabinet
        "producers.password.wrong": {
            "az": "Hazırkı şifrə yanlışdır",
            "en": "The current password is wrong",
        },
        "producers.closed": {
            "az": "Qeydiyyatdan imtina edilib; hesab bağlanıb",
            "en": "The registration has been withdrawn; the account is closed",
        },
        # egov.producers.catalog
        "producers.product.unknown": {
            "az": "Bu kod məhsul təsnifatında yoxdur",
            "en": "This code is not in the product classifier",
        },
        "producers.product.unit": {
            "az": "Bu məhsul üçün ölçü vahidi yanlışdır",
            "en": "This unit is not used for this product",
        },
        "producers.product.repeated": {
            "az": "Hər məhsul siyahıda bir dəfə olmalıdır",
            "en": "Each product may appear once in the list",
        },
        # egov.producers.check
        "producers.voen.inactive": {
            "az": "Bu VÖEN üzrə vergi ödəyicisi fəaliyyətdə deyil (ləğv edilib)",
            "en": "The taxpayer with this VÖEN is no longer active (liquidated)",
        },
        "producers.fin.not-for-legal": {
            "az": "Hüquqi şəxs VÖEN ilə yoxlanılır; FİN sahəsini boş saxlayın",
            "en": "A legal entity is checked by its VÖEN; leave the FIN empty",
        },
        "producers.identity.no-match": {
            "az": "Bu FİN və şəxsiyyət vəsiqəsinin nömrəsi üzrə şəxs tapılmadı; hər ikisini "
            "vəsiqənizdən yoxlayıb yenidən daxil edin",
            "en": "No person has this FIN and ID card number; check both on your ID card and "
            "try again",
        },
        "producers.lookups.rate-limited": {
            "az": "Çox sayda yoxlama edilib; {seconds} saniyədən sonra yenidən cəhd edin",
            "en": "Too many checks; try again in {seconds} seconds",
        },
        "producers.voen.not-for-natural": {
            "az": "Fiziki şəxs FİN ilə yoxlanılır; VÖEN sahəsini boş saxlayın",
            "en": "A natural person is checked by FIN; leave the VÖEN empty",
        },
        # egov.producers.confirmations
        "producers.sms-code.title": {"az": "Təsdiq kodu", "en": "Confirmation code"},
        "producers.sms-code.body": {
            "az": "Kənd təsərrüfatı portalında qeydiyyat üçün təsdiq kodunuz: {code}. "
            "Kod 5 dəqiqə etibarlıdır. Kodu heç kimə deməyin.",
            "en": "Your confirmation code for the agricultural portal: {code}. "
            "It is valid for 5 minutes. Do not tell it to anyone.",
        },
        "producers.password-reset-code.title": {
            "az": "Şifrənin bərpası kodu",
            "en": "Password reset code",
        },
        "producers.password-reset-code.body": {
            "az": "Kənd təsərrüfatı portalında şifrənizi bərpa etmək üçün kod: {code}. Kod 5 "
            "dəqiqə etibarlıdır. Kodu heç kimə deməyin; siz istəməmisinizsə, bu mesajı nəzərə "
            "almayın.",
            "en": "Your code to reset the password on the agricultural portal: {code}. It is "
            "valid for 5 minutes. Do not tell it to anyone; if you did not ask for it, ignore "
            "this message.",
        },
        "producers.mobile.not-owner": {
            "az": "Mobil operatorların reyestrinə görə bu nömrə sizə məxsus deyil; "
            "öz adınıza qeydiyyatda olan nömrəni daxil edin",
            "en": "According to the mobile operators' registry this number is not yours; "
            "enter a number registered in your name",
        },
        "producers.mobile.inactive": {
            "az": "Bu nömrə operatorda aktiv deyil",
            "en": "This number is not active with its operator",
        },
        "producers.mobile.not-accepted": {
            "az": "Bu nömrə təsdiq edilə bilməz: operatorda sizin adınıza qeydiyyatda olan, "
            "aktiv və portalda başqa istehsalçıya aid olmayan nömrə daxil edin",
            "en": "This number cannot be confirmed: enter an active number registered in your "
            "name with its operator and not used by another producer on the portal",
        },
        "producers.mobile-taken": {
            "az": "Bu mobil nömrə artıq portalda qeydiyyatdan keçib; başqa nömrə daxil edin",
            "en": "This mobile number is already registered on the portal; enter another one",
        },
        "producers.confirmation.unknown": {
            "az": "Təsdiq tapılmadı və ya bu nömrəyə aid deyil; yeni kod istəyin",
            "en": "The confirmation was not found or is not for this number; ask for a new code",
        },
        "producers.confirmation.used": {
            "az": "Bu təsdiq artıq istifadə olunub; yeni kod istəyin",
            "en": "This confirmation has already been used; ask for a new code",
        },
        "producers.confirmation.expired": {
            "az": "Təsdiq kodunun müddəti bitib; yeni kod istəyin",
            "en": "The confirmation code has expired; ask for a new code",
        },
        "producers.confirmation.exhausted": {
            "az": "Çox sayda yanlış cəhd; yeni kod istəyin",
            "en": "Too many wrong attempts; ask for a new code",
        },
        "producers.sms-code.rate-limited": {
            "az": "Bu nömrəyə çox sayda kod göndərilib; {seconds} saniyədən sonra yenidən cəhd edin",
            "en": "Too many codes were sent to this number; try again in {seconds} seconds",
        },
        "producers.code.wrong": {
            "az": "Təsdiq kodu yanlışdır; {left} cəhd qalıb",
            "en": "The confirmation code is wrong; {left} attempts left",
        },
        # egov.producers.listing
        "producers.verification.ministry": {
            "az": "Potensial istehsalçı - Kənd Təsərrüfatı Nazirliyi tərəfindən təsdiqlənib",
            "en": "Potential producer - verified by the Ministry of Agriculture",
        },
        "producers.verification.in-person": {
            "az": "Potensial istehsalçı - ASAN xidmət mərkəzində şəxsən qeydiyyata alınıb; "
            "nazirlik təsdiqi deyil",
            "en": "Potential producer - registered in person at an ASAN service centre; not a "
            "ministry verification",
        },
        "producers.verification.not-required": {
            "az": "Satıcı - nazirlik tərəfindən yoxlanılmır",
            "en": "Seller - not verified by the ministry",
        },
        # egov.producers.models
        "producers.username.invalid": {
            "az": "İstifadəçi adı 3–30 simvol olmalı, hərflə başlamalı və yalnız hərf, rəqəm, "
            "'.', '_' və '-' simvollarından ibarət olmalıdır",
            "en": "A username has 3–30 characters, starts with a letter and has only letters, "
            "digits, '.', '_' and '-'",
        },
        "producers.password.length": {
            "az": "Şifrə 10–128 simvoldan ibarət olmalıdır",
            "en": "A password must have 10 to 128 characters",
        },
        "producers.password.weak": {
            "az": "Şifrədə ən azı iki növ simvol olmalıdır: hərflər, rəqəmlər, digər simvollar",
            "en": "A password needs at least two kinds of characters: letters, digits, others",
        },
        "producers.password.contains-username": {
            "az": "Şifrədə istifadəçi adı olmamalıdır",
            "en": "The password must not contain the username",
        },
        "producers.text.too-long": {
            "az": "Mətn 200 simvoldan uzun olmamalıdır",
            "en": "The text must not be longer than 200 characters",
        },
        "producers.code.invalid": {
            "az": "Təsdiq kodu 6 rəqəmdən ibarətdir",
            "en": "The confirmation code has 6 digits",
        },
        # egov.producers.records
        "producers.unknown": {
            "az": "İstehsalçı tapılmadı",
            "en": "The producer was not found",
        },
        "producers.fin-taken": {
            "az": "Bu FİN ilə istehsalçı artıq qeydiyyatdan keçib",
            "en": "A producer with this FIN is already registered",
        },
        "producers.voen-taken": {
            "az": "Bu VÖEN ilə istehsalçı artıq qeydiyyatdan keçib",
            "en": "A producer with this VÖEN is already registered",
        },
        "producers.changed": {
            "az": "Məlumat eyni vaxtda dəyişdirildi; yenidən cəhd edin",
            "en": "The record changed at the same time; please try again",
        },
        # egov.producers.recovery
        "producers.password-reset.started": {
            "az": "İstifadəçi adı qeydiyyatdadırsa, təsdiqlənmiş mobil nömrəyə 5 dəqiqəlik kod "
            "göndərildi.",
            "en": "If the username is registered, a code valid for 5 minutes was texted to its "
            "confirmed mobile number.",
        },
        "producers.password-reset.rate-limited": {
            "az": "Bu istifadəçi adı üçün çox sayda kod istənilib; {seconds} saniyədən sonra "
            "yenidən cəhd edin",
            "en": "Too many codes were asked for this username; try again in {seconds} seconds",
        },
        "producers.password-reset.done": {
            "az": "Şifrəniz dəyişdirildi; yeni şifrə ilə daxil olun.",
            "en": "Your password has been changed; log in with the new password.",
        },
        "producers.password-reset-notice.title": {
            "az": "Şifrəniz dəyişdirildi",
            "en": "Your password has been changed",
        },
        "producers.password-reset-notice.body": {
            "az": "{username} istifadəçisinin şifrəsi bərpa kodu ilə dəyişdirildi və bütün "
            "açıq sessiyalar bağlandı. Bunu siz etməmisinizsə, dərhal portalla əlaqə saxlayın.",
            "en": "The password of {username} was changed with a reset code and every open "
            "session was ended. If this was not you, contact the portal at once.",
        },
        # egov.producers.registry
        "producers.registered.pending": {
            "az": "Qeydiyyatdan keçdiniz. İstifadəçi adınız və şifrənizlə daxil ola bilərsiniz. "
            "Potensial istehsalçı statusunuzu Kənd Təsərrüfatı Nazirliyi təsdiq edəcək.",
            "en": "You are registered and can log in with your username and password. The "
            "Ministry of Agriculture will verify you as a potential producer.",
        },
        "producers.registered.approved": {
            "az": "Qeydiyyatdan keçdiniz. İstifadəçi adınız və şifrənizlə daxil ola bilərsiniz.",
            "en": "You are registered and can log in with your username and password.",
        },
        "producers.registered.assisted": {
            "az": "İstehsalçı portala əlavə edildi; şifrə təyin etmək üçün ona aktivləşdirmə "
            "bildirişi göndərildi.",
            "en": "The producer has been added to the portal and sent an activation notice to "
            "set a password.",
        },
        # egov.producers.verification
        "producers.application.title": {
            "az": "Potensial istehsalçı kimi qeydiyyat",
            "en": "Registration as a potential producer",
        },
        "producers.status.pending-verification": {
            "az": "Kənd Təsərrüfatı Nazirliyinin təsdiqini gözləyir",
            "en": "Waiting for the Ministry of Agriculture to verify",
        },
        "producers.decision-note": {"az": "Səbəb: {reason}", "en": "Reason: {reason}"},
        "producers.status.approved": {"az": "Təsdiq edilib", "en": "Approved"},
        "producers.status.rejected": {"az": "İmtina edilib", "en": "Rejected"},
        "producers.status.closed": {"az": "Qeydiyyatdan imtina edilib", "en": "Deregistered"},
        "producers.verification-approved.title": {
            "az": "Potensial istehsalçı statusunuz təsdiq edildi",
            "en": "You have been verified as a potential producer",
        },
        "producers.verification-approved.body": {
            "az": "Kənd Təsərrüfatı Nazirliyi sizi potensial istehsalçı kimi təsdiq etdi. "
            "Adınız portalın istehsalçılar siyahısında görünür.",
            "en": "The Ministry of Agriculture has verified you as a potential producer. "
            "Your name now appears in the portal's list of producers.",
        },
        "producers.verification-rejected.title": {
            "az": "Potensial istehsalçı müraciətiniz rədd edildi",
            "en": "Your application as a potential producer was rejected",
        },
        "producers.verification-rejected.body": {
            "az": "Kənd Təsərrüfatı Nazirliyi müraciətinizi rədd etdi. Səbəb: {reason}",
            "en": "The Ministry of Agriculture rejected your application. Reason: {reason}",
        },
        "producers.verification-overdue.title": {
            "az": "Nazirlik istehsalçının təsdiqinə vaxtında cavab vermədi",
            "en": "The ministry did not answer a producer verification in time",
        },
        "producers.verification-overdue.body": {
            "az": "İstehsalçı {producerId} üzrə sorğunun müddəti {deadline} tarixində bitdi "
            "({count}-ci dəfə). Sorğu açıq qalır; yeni müddət: {next}.",
            "en": "The request about producer {producerId} passed its deadline {deadline} "
            "(time {count}). The request stays open; new deadline: {next}.",
        },
        "producers.verification-failed.title": {
            "az": "İstehsalçının təsdiqi sorğusu cavabsız bağlandı",
            "en": "A producer verification request ended without an answer",
        },
        "producers.verification-failed.body": {
            "az": "İstehsalçı {producerId} üzrə nazirliyə sorğu cavabsız bağlandı; "
            "yoxlayın və yenidən başladın.",
            "en": "The ministry request about producer {producerId} ended without an answer; "
            "please look into it and start it again.",
        },
    }
)
