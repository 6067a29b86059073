namespace Authy.Application.Messaging.Templates;

/// <summary>
/// The sentences of every supported locale, one entry per locale. Kept short and neutral: an SMS
/// over 160 GSM characters (70 for non-Latin scripts) is billed as several, and the app's name is
/// never inflected (it is introduced with "for"/"of" or set as a label) because it is unknown text.
/// </summary>
internal static class Translations
{
    /// <summary>Every locale's text, keyed case-insensitively by its locale.</summary>
    public static IReadOnlyDictionary<string, LocaleText> All { get; } = Build(
    [
        new()
        {
            Locale = "af",
            Sms = "Jou verifikasiekode vir {app} is: {code}",
            PhoneVerificationSms = "Jou telefoonverifikasiekode vir {app} is: {code}",
            Voice = "Jou verifikasiekode vir {app} is {code}. Ek herhaal: {code}.",
            PhoneVerificationVoice = "Jou telefoonverifikasiekode vir {app} is {code}. Ek herhaal: {code}.",
            EmailSubject = "Jou verifikasiekode vir {app}",
            EmailIntro = "Jou verifikasiekode vir {app} is:",
            EmailIgnore = "As jy nie hierdie kode aangevra het nie, kan jy hierdie e-pos ignoreer.",
            PhoneVerificationSmsSent = "SMS na {phone} gestuur.",
            PhoneVerificationCallStarted = "Oproep na {phone} het begin.",
            VoicePrompt = "Druk {digit} om jou kode te hoor.",
        },
        new()
        {
            Locale = "ar",
            Sms = "رمز التحقق الخاص بك في {app} هو: {code}",
            PhoneVerificationSms = "رمز التحقق من رقم هاتفك في {app} هو: {code}",
            Voice = "رمز التحقق الخاص بك في {app} هو {code}. أكرر: {code}.",
            PhoneVerificationVoice = "رمز التحقق من رقم هاتفك في {app} هو {code}. أكرر: {code}.",
            EmailSubject = "رمز التحقق الخاص بك في {app}",
            EmailIntro = "رمز التحقق الخاص بك في {app} هو:",
            EmailIgnore = "إذا لم تطلب هذا الرمز، يمكنك تجاهل هذه الرسالة.",
            PhoneVerificationSmsSent = "تم إرسال رسالة نصية إلى {phone}.",
            PhoneVerificationCallStarted = "تم بدء الاتصال بالرقم {phone}.",
            VoicePrompt = "اضغط {digit} لسماع الرمز الخاص بك.",
        },
        new()
        {
            Locale = "ca",
            Sms = "El teu codi de verificació per a {app} és: {code}",
            PhoneVerificationSms = "El codi per verificar el teu telèfon a {app} és: {code}",
            Voice = "El teu codi de verificació per a {app} és {code}. Repeteixo: {code}.",
            PhoneVerificationVoice = "El codi per verificar el teu telèfon a {app} és {code}. Repeteixo: {code}.",
            EmailSubject = "El teu codi de verificació per a {app}",
            EmailIntro = "El teu codi de verificació per a {app} és:",
            EmailIgnore = "Si no has sol·licitat aquest codi, pots ignorar aquest correu electrònic.",
            PhoneVerificationSmsSent = "S'ha enviat un SMS al {phone}.",
            PhoneVerificationCallStarted = "S'ha iniciat la trucada al {phone}.",
            VoicePrompt = "Prem el {digit} per escoltar el teu codi.",
        },
        // zh is Traditional Chinese as written in Taiwan; zh-HK is Traditional with Hong Kong wording.
        new()
        {
            Locale = "zh",
            Sms = "您的 {app} 驗證碼是：{code}",
            PhoneVerificationSms = "您的 {app} 手機號碼驗證碼是：{code}",
            Voice = "您的 {app} 驗證碼是 {code}。再重複一次：{code}。",
            PhoneVerificationVoice = "您的 {app} 手機號碼驗證碼是 {code}。再重複一次：{code}。",
            EmailSubject = "您的 {app} 驗證碼",
            EmailIntro = "您的 {app} 驗證碼是：",
            EmailIgnore = "如果您沒有要求這組驗證碼，請忽略這封電子郵件。",
            PhoneVerificationSmsSent = "已傳送簡訊至 {phone}。",
            PhoneVerificationCallStarted = "已撥打電話至 {phone}。",
            VoicePrompt = "請按 {digit} 收聽您的驗證碼。",
        },
        new()
        {
            Locale = "zh-CN",
            Sms = "您的 {app} 验证码是：{code}",
            PhoneVerificationSms = "您的 {app} 手机号码验证码是：{code}",
            Voice = "您的 {app} 验证码是 {code}。再重复一遍：{code}。",
            PhoneVerificationVoice = "您的 {app} 手机号码验证码是 {code}。再重复一遍：{code}。",
            EmailSubject = "您的 {app} 验证码",
            EmailIntro = "您的 {app} 验证码是：",
            EmailIgnore = "如果您没有请求此验证码，请忽略这封电子邮件。",
            PhoneVerificationSmsSent = "短信已发送至 {phone}。",
            PhoneVerificationCallStarted = "已向 {phone} 发起呼叫。",
            VoicePrompt = "请按 {digit} 收听您的验证码。",
        },
        new()
        {
            Locale = "zh-HK",
            Sms = "您的 {app} 驗證碼為：{code}",
            PhoneVerificationSms = "您的 {app} 電話號碼驗證碼為：{code}",
            Voice = "您的 {app} 驗證碼為 {code}。重複一次：{code}。",
            PhoneVerificationVoice = "您的 {app} 電話號碼驗證碼為 {code}。重複一次：{code}。",
            EmailSubject = "您的 {app} 驗證碼",
            EmailIntro = "您的 {app} 驗證碼為：",
            EmailIgnore = "如您並未要求此驗證碼，請忽略此電郵。",
            PhoneVerificationSmsSent = "短訊已發送至 {phone}。",
            PhoneVerificationCallStarted = "正在致電 {phone}。",
            VoicePrompt = "請按 {digit} 收聽您的驗證碼。",
        },
        new()
        {
            Locale = "hr",
            Sms = "Vaš potvrdni kôd za {app} je: {code}",
            PhoneVerificationSms = "Vaš kôd za potvrdu broja telefona za {app} je: {code}",
            Voice = "Vaš potvrdni kôd za {app} je {code}. Ponavljam: {code}.",
            PhoneVerificationVoice = "Vaš kôd za potvrdu broja telefona za {app} je {code}. Ponavljam: {code}.",
            EmailSubject = "Vaš potvrdni kôd za {app}",
            EmailIntro = "Vaš potvrdni kôd za {app} je:",
            EmailIgnore = "Ako niste zatražili ovaj kôd, možete zanemariti ovu e-poruku.",
            PhoneVerificationSmsSent = "SMS poruka poslana je na broj {phone}.",
            PhoneVerificationCallStarted = "Pokrenut je poziv na broj {phone}.",
            VoicePrompt = "Pritisnite {digit} da biste čuli svoj kôd.",
        },
        new()
        {
            Locale = "cs",
            Sms = "Váš ověřovací kód pro {app} je: {code}",
            PhoneVerificationSms = "Kód pro ověření vašeho telefonního čísla pro {app} je: {code}",
            Voice = "Váš ověřovací kód pro {app} je {code}. Opakuji: {code}.",
            PhoneVerificationVoice = "Kód pro ověření vašeho telefonního čísla pro {app} je {code}. Opakuji: {code}.",
            EmailSubject = "Váš ověřovací kód pro {app}",
            EmailIntro = "Váš ověřovací kód pro {app} je:",
            EmailIgnore = "Pokud jste o tento kód nežádali, můžete tento e-mail ignorovat.",
            PhoneVerificationSmsSent = "SMS zpráva byla odeslána na číslo {phone}.",
            PhoneVerificationCallStarted = "Hovor na číslo {phone} byl zahájen.",
            VoicePrompt = "Pro poslech kódu stiskněte {digit}.",
        },
        new()
        {
            Locale = "da",
            Sms = "Din bekræftelseskode til {app} er: {code}",
            PhoneVerificationSms = "Din kode til bekræftelse af dit telefonnummer hos {app} er: {code}",
            Voice = "Din bekræftelseskode til {app} er {code}. Jeg gentager: {code}.",
            PhoneVerificationVoice = "Din kode til bekræftelse af dit telefonnummer hos {app} er {code}. Jeg gentager: {code}.",
            EmailSubject = "Din bekræftelseskode til {app}",
            EmailIntro = "Din bekræftelseskode til {app} er:",
            EmailIgnore = "Hvis du ikke har bedt om denne kode, kan du se bort fra denne e-mail.",
            PhoneVerificationSmsSent = "Sms sendt til {phone}.",
            PhoneVerificationCallStarted = "Opkald til {phone} er startet.",
            VoicePrompt = "Tryk {digit} for at høre din kode.",
        },
        new()
        {
            Locale = "nl",
            Sms = "Je verificatiecode voor {app} is: {code}",
            PhoneVerificationSms = "Je code om je telefoonnummer te verifiëren bij {app} is: {code}",
            Voice = "Je verificatiecode voor {app} is {code}. Ik herhaal: {code}.",
            PhoneVerificationVoice = "Je code om je telefoonnummer te verifiëren bij {app} is {code}. Ik herhaal: {code}.",
            EmailSubject = "Je verificatiecode voor {app}",
            EmailIntro = "Je verificatiecode voor {app} is:",
            EmailIgnore = "Als je deze code niet hebt aangevraagd, kun je deze e-mail negeren.",
            PhoneVerificationSmsSent = "Sms-bericht verzonden naar {phone}.",
            PhoneVerificationCallStarted = "Oproep naar {phone} gestart.",
            VoicePrompt = "Druk op {digit} om je code te horen.",
        },
        // The English (and Spanish) answers of the phone-verification API are the real service's words,
        // down to the missing full stop after "initiated".
        new()
        {
            Locale = "en",
            Sms = "Your {app} verification code is: {code}",
            PhoneVerificationSms = "Your {app} phone verification code is: {code}",
            Voice = "Your {app} verification code is {code}. I repeat: {code}.",
            PhoneVerificationVoice = "Your {app} phone verification code is {code}. I repeat: {code}.",
            EmailSubject = "Your {app} verification code",
            EmailIntro = "Your {app} verification code is:",
            EmailIgnore = "If you did not request this code, you can ignore this email.",
            PhoneVerificationSmsSent = "Text message sent to {phone}.",
            PhoneVerificationCallStarted = "Call to {phone} initiated",
            VoicePrompt = "Press {digit} to hear your code.",
        },
        // Finnish inflects nouns; "palvelun {app}" ("of the service {app}") keeps the name uninflected.
        new()
        {
            Locale = "fi",
            Sms = "Palvelun {app} vahvistuskoodisi on: {code}",
            PhoneVerificationSms = "Palvelun {app} puhelinnumeron vahvistuskoodisi on: {code}",
            Voice = "Palvelun {app} vahvistuskoodisi on {code}. Toistan: {code}.",
            PhoneVerificationVoice = "Palvelun {app} puhelinnumeron vahvistuskoodisi on {code}. Toistan: {code}.",
            EmailSubject = "Palvelun {app} vahvistuskoodisi",
            EmailIntro = "Palvelun {app} vahvistuskoodisi on:",
            EmailIgnore = "Jos et pyytänyt tätä koodia, voit jättää tämän sähköpostin huomiotta.",
            PhoneVerificationSmsSent = "Tekstiviesti lähetetty numeroon {phone}.",
            PhoneVerificationCallStarted = "Puhelu numeroon {phone} aloitettu.",
            VoicePrompt = "Paina {digit} kuullaksesi koodisi.",
        },
        // A plain space before the colon: French typography wants a narrow no-break space, which is
        // not in the GSM alphabet and would halve the SMS length.
        new()
        {
            Locale = "fr",
            Sms = "Votre code de vérification {app} est : {code}",
            PhoneVerificationSms = "Votre code {app} pour vérifier votre numéro de téléphone est : {code}",
            Voice = "Votre code de vérification {app} est {code}. Je répète : {code}.",
            PhoneVerificationVoice = "Votre code {app} pour vérifier votre numéro de téléphone est {code}. Je répète : {code}.",
            EmailSubject = "Votre code de vérification {app}",
            EmailIntro = "Votre code de vérification {app} est :",
            EmailIgnore = "Si vous n'avez pas demandé ce code, vous pouvez ignorer cet e-mail.",
            PhoneVerificationSmsSent = "SMS envoyé au {phone}.",
            PhoneVerificationCallStarted = "Appel au {phone} lancé.",
            VoicePrompt = "Appuyez sur {digit} pour entendre votre code.",
        },
        new()
        {
            Locale = "de",
            Sms = "Ihr Bestätigungscode für {app} lautet: {code}",
            PhoneVerificationSms = "Ihr Code zur Bestätigung Ihrer Telefonnummer bei {app} lautet: {code}",
            Voice = "Ihr Bestätigungscode für {app} lautet {code}. Ich wiederhole: {code}.",
            PhoneVerificationVoice = "Ihr Code zur Bestätigung Ihrer Telefonnummer bei {app} lautet {code}. Ich wiederhole: {code}.",
            EmailSubject = "Ihr Bestätigungscode für {app}",
            EmailIntro = "Ihr Bestätigungscode für {app} lautet:",
            EmailIgnore = "Falls Sie diesen Code nicht angefordert haben, können Sie diese E-Mail ignorieren.",
            PhoneVerificationSmsSent = "SMS an {phone} gesendet.",
            PhoneVerificationCallStarted = "Anruf an {phone} gestartet.",
            VoicePrompt = "Drücken Sie die {digit}, um Ihren Code zu hören.",
        },
        new()
        {
            Locale = "el",
            Sms = "Ο κωδικός επαλήθευσής σας για το {app} είναι: {code}",
            PhoneVerificationSms = "Ο κωδικός επαλήθευσης του τηλεφώνου σας για το {app} είναι: {code}",
            Voice = "Ο κωδικός επαλήθευσής σας για το {app} είναι {code}. Επαναλαμβάνω: {code}.",
            PhoneVerificationVoice = "Ο κωδικός επαλήθευσης του τηλεφώνου σας για το {app} είναι {code}. Επαναλαμβάνω: {code}.",
            EmailSubject = "Ο κωδικός επαλήθευσής σας για το {app}",
            EmailIntro = "Ο κωδικός επαλήθευσής σας για το {app} είναι:",
            EmailIgnore = "Αν δεν ζητήσατε αυτόν τον κωδικό, μπορείτε να αγνοήσετε αυτό το email.",
            PhoneVerificationSmsSent = "Στάλθηκε μήνυμα SMS στο {phone}.",
            PhoneVerificationCallStarted = "Η κλήση προς το {phone} ξεκίνησε.",
            VoicePrompt = "Πατήστε {digit} για να ακούσετε τον κωδικό σας.",
        },
        // Hebrew: "אחזור שוב" (I will say it again) is the same for a male or female voice.
        new()
        {
            Locale = "he",
            Sms = "קוד האימות שלך ל-{app} הוא: {code}",
            PhoneVerificationSms = "קוד אימות הטלפון שלך ל-{app} הוא: {code}",
            Voice = "קוד האימות שלך ל-{app} הוא {code}. אחזור שוב: {code}.",
            PhoneVerificationVoice = "קוד אימות הטלפון שלך ל-{app} הוא {code}. אחזור שוב: {code}.",
            EmailSubject = "קוד האימות שלך ל-{app}",
            EmailIntro = "קוד האימות שלך ל-{app} הוא:",
            EmailIgnore = "אם לא ביקשת את הקוד הזה, אפשר להתעלם מהודעה זו.",
            PhoneVerificationSmsSent = "הודעת SMS נשלחה למספר {phone}.",
            PhoneVerificationCallStarted = "השיחה למספר {phone} החלה.",
            VoicePrompt = "הקש {digit} כדי לשמוע את הקוד שלך.",
        },
        // Hindi: "फिर से सुनिए" (listen again) avoids the gendered "I repeat".
        new()
        {
            Locale = "hi",
            Sms = "{app} के लिए आपका सत्यापन कोड है: {code}",
            PhoneVerificationSms = "{app} के लिए आपका फ़ोन सत्यापन कोड है: {code}",
            Voice = "{app} के लिए आपका सत्यापन कोड है {code}। फिर से सुनिए: {code}।",
            PhoneVerificationVoice = "{app} के लिए आपका फ़ोन सत्यापन कोड है {code}। फिर से सुनिए: {code}।",
            EmailSubject = "{app} के लिए आपका सत्यापन कोड",
            EmailIntro = "{app} के लिए आपका सत्यापन कोड है:",
            EmailIgnore = "अगर आपने यह कोड नहीं माँगा था, तो इस ईमेल को अनदेखा करें।",
            PhoneVerificationSmsSent = "{phone} पर SMS भेजा गया।",
            PhoneVerificationCallStarted = "{phone} पर कॉल शुरू की गई।",
            VoicePrompt = "अपना कोड सुनने के लिए {digit} दबाएँ।",
        },
        // Hungarian: "A(z)" is the usual way to put an article before a name whose first sound is
        // unknown; the voice drops it because a speech engine would read it out. The API answers put the
        // number after "a következő számra:" (to the following number) for the same reason.
        new()
        {
            Locale = "hu",
            Sms = "A(z) {app} ellenőrző kódja: {code}",
            PhoneVerificationSms = "A(z) {app} telefonszám-ellenőrző kódja: {code}",
            Voice = "{app} ellenőrző kód: {code}. Megismétlem: {code}.",
            PhoneVerificationVoice = "{app} telefonszám-ellenőrző kód: {code}. Megismétlem: {code}.",
            EmailSubject = "{app} ellenőrző kód",
            EmailIntro = "A(z) {app} ellenőrző kódja:",
            EmailIgnore = "Ha nem kérte ezt a kódot, nyugodtan hagyja figyelmen kívül ezt az e-mailt.",
            PhoneVerificationSmsSent = "Az SMS-t elküldtük a következő számra: {phone}.",
            PhoneVerificationCallStarted = "Hívást indítottunk a következő számra: {phone}.",
            VoicePrompt = "A kód meghallgatásához nyomja meg ezt a gombot: {digit}.",
        },
        new()
        {
            Locale = "id",
            Sms = "Kode verifikasi {app} Anda adalah: {code}",
            PhoneVerificationSms = "Kode verifikasi nomor telepon {app} Anda adalah: {code}",
            Voice = "Kode verifikasi {app} Anda adalah {code}. Saya ulangi: {code}.",
            PhoneVerificationVoice = "Kode verifikasi nomor telepon {app} Anda adalah {code}. Saya ulangi: {code}.",
            EmailSubject = "Kode verifikasi {app} Anda",
            EmailIntro = "Kode verifikasi {app} Anda adalah:",
            EmailIgnore = "Jika Anda tidak meminta kode ini, abaikan email ini.",
            PhoneVerificationSmsSent = "SMS telah dikirim ke {phone}.",
            PhoneVerificationCallStarted = "Panggilan ke {phone} telah dimulai.",
            VoicePrompt = "Tekan {digit} untuk mendengarkan kode Anda.",
        },
        new()
        {
            Locale = "it",
            Sms = "Il tuo codice di verifica {app} è: {code}",
            PhoneVerificationSms = "Il codice per verificare il tuo numero di telefono su {app} è: {code}",
            Voice = "Il tuo codice di verifica {app} è {code}. Ripeto: {code}.",
            PhoneVerificationVoice = "Il codice per verificare il tuo numero di telefono su {app} è {code}. Ripeto: {code}.",
            EmailSubject = "Il tuo codice di verifica {app}",
            EmailIntro = "Il tuo codice di verifica {app} è:",
            EmailIgnore = "Se non hai richiesto questo codice, puoi ignorare questa email.",
            PhoneVerificationSmsSent = "SMS inviato al numero {phone}.",
            PhoneVerificationCallStarted = "Chiamata al numero {phone} avviata.",
            VoicePrompt = "Premi {digit} per ascoltare il tuo codice.",
        },
        new()
        {
            Locale = "ja",
            Sms = "{app} の認証コード: {code}",
            PhoneVerificationSms = "{app} の電話番号確認コード: {code}",
            Voice = "{app} の認証コードは {code} です。もう一度繰り返します。{code}。",
            PhoneVerificationVoice = "{app} の電話番号確認コードは {code} です。もう一度繰り返します。{code}。",
            EmailSubject = "{app} の認証コード",
            EmailIntro = "{app} の認証コードは次のとおりです。",
            EmailIgnore = "このコードに心当たりがない場合は、このメールを無視してください。",
            PhoneVerificationSmsSent = "{phone} に SMS を送信しました。",
            PhoneVerificationCallStarted = "{phone} への発信を開始しました。",
            VoicePrompt = "コードを聞くには {digit} を押してください。",
        },
        new()
        {
            Locale = "ko",
            Sms = "{app} 인증 코드: {code}",
            PhoneVerificationSms = "{app} 전화번호 인증 코드: {code}",
            Voice = "{app} 인증 코드는 {code} 입니다. 다시 한 번 말씀드립니다. {code}.",
            PhoneVerificationVoice = "{app} 전화번호 인증 코드는 {code} 입니다. 다시 한 번 말씀드립니다. {code}.",
            EmailSubject = "{app} 인증 코드",
            EmailIntro = "{app} 인증 코드는 다음과 같습니다.",
            EmailIgnore = "이 코드를 요청하지 않으셨다면 이 이메일을 무시하셔도 됩니다.",
            PhoneVerificationSmsSent = "{phone} 번호로 문자 메시지를 보냈습니다.",
            PhoneVerificationCallStarted = "{phone} 번호로 전화를 걸었습니다.",
            VoicePrompt = "코드를 들으시려면 {digit}번을 눌러 주세요.",
        },
        new()
        {
            Locale = "ms",
            Sms = "Kod pengesahan {app} anda ialah: {code}",
            PhoneVerificationSms = "Kod pengesahan nombor telefon {app} anda ialah: {code}",
            Voice = "Kod pengesahan {app} anda ialah {code}. Saya ulang: {code}.",
            PhoneVerificationVoice = "Kod pengesahan nombor telefon {app} anda ialah {code}. Saya ulang: {code}.",
            EmailSubject = "Kod pengesahan {app} anda",
            EmailIntro = "Kod pengesahan {app} anda ialah:",
            EmailIgnore = "Jika anda tidak meminta kod ini, abaikan e-mel ini.",
            PhoneVerificationSmsSent = "SMS telah dihantar ke {phone}.",
            PhoneVerificationCallStarted = "Panggilan ke {phone} telah dimulakan.",
            VoicePrompt = "Tekan {digit} untuk mendengar kod anda.",
        },
        new()
        {
            Locale = "nb",
            Sms = "Din bekreftelseskode for {app} er: {code}",
            PhoneVerificationSms = "Koden for å bekrefte telefonnummeret ditt hos {app} er: {code}",
            Voice = "Din bekreftelseskode for {app} er {code}. Jeg gjentar: {code}.",
            PhoneVerificationVoice = "Koden for å bekrefte telefonnummeret ditt hos {app} er {code}. Jeg gjentar: {code}.",
            EmailSubject = "Din bekreftelseskode for {app}",
            EmailIntro = "Din bekreftelseskode for {app} er:",
            EmailIgnore = "Hvis du ikke ba om denne koden, kan du se bort fra denne e-posten.",
            PhoneVerificationSmsSent = "SMS sendt til {phone}.",
            PhoneVerificationCallStarted = "Anrop til {phone} er startet.",
            VoicePrompt = "Trykk {digit} for å høre koden din.",
        },
        // Polish: the closing line is passive so that it does not assume the reader's gender.
        new()
        {
            Locale = "pl",
            Sms = "Twój kod weryfikacyjny {app} to: {code}",
            PhoneVerificationSms = "Twój kod weryfikacji numeru telefonu w {app} to: {code}",
            Voice = "Twój kod weryfikacyjny {app} to {code}. Powtarzam: {code}.",
            PhoneVerificationVoice = "Twój kod weryfikacji numeru telefonu w {app} to {code}. Powtarzam: {code}.",
            EmailSubject = "Twój kod weryfikacyjny {app}",
            EmailIntro = "Twój kod weryfikacyjny {app} to:",
            EmailIgnore = "Jeśli ten kod nie został zamówiony przez Ciebie, możesz zignorować tę wiadomość.",
            PhoneVerificationSmsSent = "Wiadomość SMS została wysłana na numer {phone}.",
            PhoneVerificationCallStarted = "Rozpoczęto połączenie z numerem {phone}.",
            VoicePrompt = "Naciśnij {digit}, aby usłyszeć swój kod.",
        },
        // pt-BR ("Seu", "celular") and European pt ("O seu", "telemóvel") differ in wording.
        new()
        {
            Locale = "pt-BR",
            Sms = "Seu código de verificação do {app} é: {code}",
            PhoneVerificationSms = "Seu código para verificar o celular no {app} é: {code}",
            Voice = "Seu código de verificação do {app} é {code}. Repetindo: {code}.",
            PhoneVerificationVoice = "Seu código para verificar o celular no {app} é {code}. Repetindo: {code}.",
            EmailSubject = "Seu código de verificação do {app}",
            EmailIntro = "Seu código de verificação do {app} é:",
            EmailIgnore = "Se você não solicitou este código, ignore este e-mail.",
            PhoneVerificationSmsSent = "SMS enviado para {phone}.",
            PhoneVerificationCallStarted = "Ligação para {phone} iniciada.",
            VoicePrompt = "Digite {digit} para ouvir o seu código.",
        },
        new()
        {
            Locale = "pt",
            Sms = "O seu código de verificação para {app} é: {code}",
            PhoneVerificationSms = "O seu código para verificar o telemóvel em {app} é: {code}",
            Voice = "O seu código de verificação para {app} é {code}. Repito: {code}.",
            PhoneVerificationVoice = "O seu código para verificar o telemóvel em {app} é {code}. Repito: {code}.",
            EmailSubject = "O seu código de verificação para {app}",
            EmailIntro = "O seu código de verificação para {app} é:",
            EmailIgnore = "Se não pediu este código, pode ignorar este e-mail.",
            PhoneVerificationSmsSent = "Mensagem de texto enviada para o número {phone}.",
            PhoneVerificationCallStarted = "Chamada para o número {phone} iniciada.",
            VoicePrompt = "Prima {digit} para ouvir o seu código.",
        },
        new()
        {
            Locale = "ro",
            Sms = "Codul de verificare pentru {app} este: {code}",
            PhoneVerificationSms = "Codul de verificare a telefonului pentru {app} este: {code}",
            Voice = "Codul de verificare pentru {app} este {code}. Repet: {code}.",
            PhoneVerificationVoice = "Codul de verificare a telefonului pentru {app} este {code}. Repet: {code}.",
            EmailSubject = "Codul de verificare pentru {app}",
            EmailIntro = "Codul de verificare pentru {app} este:",
            EmailIgnore = "Dacă nu ați solicitat acest cod, puteți ignora acest e-mail.",
            PhoneVerificationSmsSent = "Un SMS a fost trimis la numărul {phone}.",
            PhoneVerificationCallStarted = "Apelul către numărul {phone} a fost inițiat.",
            VoicePrompt = "Apăsați {digit} pentru a asculta codul.",
        },
        new()
        {
            Locale = "ru",
            Sms = "Ваш код подтверждения для {app}: {code}",
            PhoneVerificationSms = "Код подтверждения номера телефона для {app}: {code}",
            Voice = "Ваш код подтверждения для {app}: {code}. Повторяю: {code}.",
            PhoneVerificationVoice = "Код подтверждения номера телефона для {app}: {code}. Повторяю: {code}.",
            EmailSubject = "Ваш код подтверждения для {app}",
            EmailIntro = "Ваш код подтверждения для {app}:",
            EmailIgnore = "Если вы не запрашивали этот код, просто проигнорируйте это письмо.",
            PhoneVerificationSmsSent = "SMS-сообщение отправлено на номер {phone}.",
            PhoneVerificationCallStarted = "Выполняется звонок на номер {phone}.",
            VoicePrompt = "Нажмите {digit}, чтобы прослушать код.",
        },
        new()
        {
            Locale = "es",
            Sms = "Tu código de verificación de {app} es: {code}",
            PhoneVerificationSms = "Tu código para verificar tu teléfono en {app} es: {code}",
            Voice = "Tu código de verificación de {app} es {code}. Repito: {code}.",
            PhoneVerificationVoice = "Tu código para verificar tu teléfono en {app} es {code}. Repito: {code}.",
            EmailSubject = "Tu código de verificación de {app}",
            EmailIntro = "Tu código de verificación de {app} es:",
            EmailIgnore = "Si no solicitaste este código, puedes ignorar este correo.",
            PhoneVerificationSmsSent = "Mensaje de texto enviado a {phone}.",
            PhoneVerificationCallStarted = "Llamada a {phone} fue iniciada.",
            VoicePrompt = "Pulsa {digit} para escuchar tu código.",
        },
        new()
        {
            Locale = "sv",
            Sms = "Din verifieringskod för {app} är: {code}",
            PhoneVerificationSms = "Din kod för att verifiera ditt telefonnummer hos {app} är: {code}",
            Voice = "Din verifieringskod för {app} är {code}. Jag upprepar: {code}.",
            PhoneVerificationVoice = "Din kod för att verifiera ditt telefonnummer hos {app} är {code}. Jag upprepar: {code}.",
            EmailSubject = "Din verifieringskod för {app}",
            EmailIntro = "Din verifieringskod för {app} är:",
            EmailIgnore = "Om du inte har begärt den här koden kan du ignorera det här mejlet.",
            PhoneVerificationSmsSent = "Sms skickat till {phone}.",
            PhoneVerificationCallStarted = "Samtal till {phone} har startats.",
            VoicePrompt = "Tryck {digit} för att höra din kod.",
        },
        // Tagalog as written on phones keeps the English "verification code".
        new()
        {
            Locale = "tl",
            Sms = "Ang iyong verification code sa {app} ay: {code}",
            PhoneVerificationSms = "Ang code para i-verify ang iyong numero sa {app} ay: {code}",
            Voice = "Ang iyong verification code sa {app} ay {code}. Uulitin ko: {code}.",
            PhoneVerificationVoice = "Ang code para i-verify ang iyong numero sa {app} ay {code}. Uulitin ko: {code}.",
            EmailSubject = "Ang iyong verification code sa {app}",
            EmailIntro = "Ang iyong verification code sa {app} ay:",
            EmailIgnore = "Kung hindi mo hiniling ang code na ito, maaari mong balewalain ang email na ito.",
            PhoneVerificationSmsSent = "Naipadala na ang text message sa {phone}.",
            PhoneVerificationCallStarted = "Sinimulan na ang tawag sa {phone}.",
            VoicePrompt = "Pindutin ang {digit} para marinig ang iyong code.",
        },
        // Thai separates sentences with a space, not a full stop.
        new()
        {
            Locale = "th",
            Sms = "รหัสยืนยัน {app} ของคุณคือ {code}",
            PhoneVerificationSms = "รหัสยืนยันหมายเลขโทรศัพท์สำหรับ {app} ของคุณคือ {code}",
            Voice = "รหัสยืนยัน {app} ของคุณคือ {code} ขอทวนอีกครั้ง {code}",
            PhoneVerificationVoice = "รหัสยืนยันหมายเลขโทรศัพท์สำหรับ {app} ของคุณคือ {code} ขอทวนอีกครั้ง {code}",
            EmailSubject = "รหัสยืนยัน {app} ของคุณ",
            EmailIntro = "รหัสยืนยัน {app} ของคุณคือ",
            EmailIgnore = "หากคุณไม่ได้ขอรหัสนี้ คุณสามารถละเว้นอีเมลฉบับนี้ได้",
            PhoneVerificationSmsSent = "ส่ง SMS ไปยัง {phone} แล้ว",
            PhoneVerificationCallStarted = "เริ่มโทรไปยัง {phone} แล้ว",
            VoicePrompt = "กด {digit} เพื่อฟังรหัสของคุณ",
        },
        new()
        {
            Locale = "tr",
            Sms = "{app} doğrulama kodunuz: {code}",
            PhoneVerificationSms = "{app} telefon doğrulama kodunuz: {code}",
            Voice = "{app} doğrulama kodunuz {code}. Tekrar ediyorum: {code}.",
            PhoneVerificationVoice = "{app} telefon doğrulama kodunuz {code}. Tekrar ediyorum: {code}.",
            EmailSubject = "{app} doğrulama kodunuz",
            EmailIntro = "{app} doğrulama kodunuz:",
            EmailIgnore = "Bu kodu siz istemediyseniz bu e-postayı dikkate almayabilirsiniz.",
            PhoneVerificationSmsSent = "{phone} numarasına SMS gönderildi.",
            PhoneVerificationCallStarted = "{phone} numarasına arama başlatıldı.",
            VoicePrompt = "Kodunuzu dinlemek için {digit} tuşuna basın.",
        },
        new()
        {
            Locale = "vi",
            Sms = "Mã xác minh {app} của bạn là: {code}",
            PhoneVerificationSms = "Mã xác minh số điện thoại {app} của bạn là: {code}",
            Voice = "Mã xác minh {app} của bạn là {code}. Tôi nhắc lại: {code}.",
            PhoneVerificationVoice = "Mã xác minh số điện thoại {app} của bạn là {code}. Tôi nhắc lại: {code}.",
            EmailSubject = "Mã xác minh {app} của bạn",
            EmailIntro = "Mã xác minh {app} của bạn là:",
            EmailIgnore = "Nếu bạn không yêu cầu mã này, hãy bỏ qua email này.",
            PhoneVerificationSmsSent = "Đã gửi tin nhắn SMS đến {phone}.",
            PhoneVerificationCallStarted = "Đã bắt đầu cuộc gọi đến {phone}.",
            VoicePrompt = "Nhấn phím {digit} để nghe mã của bạn.",
        },
    ]);

    /// <summary>English: what a locale without a translation gets.</summary>
    public static LocaleText English { get; } = All[Locales.Default];

    /// <summary>The text of <paramref name="locale"/>, or English when there is none.</summary>
    public static LocaleText For(string? locale) =>
        locale is not null && All.TryGetValue(locale, out var text) ? text : English;

    private static Dictionary<string, LocaleText> Build(LocaleText[] texts) =>
        texts.ToDictionary(text => text.Locale, StringComparer.OrdinalIgnoreCase);
}
