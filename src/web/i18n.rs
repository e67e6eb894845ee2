//! The web UI's own words in Kazakh, Russian and English. Legal texts are shown as the
//! registry holds them (Kazakh); only the interface is translated.
//!
//! Every word is a variant of [`Word`] with its three translations in one row of the
//! table below, so a word missing in a language, or a key misspelt in a template, fails
//! to compile.

use crate::model::Lang;

/// Declares [`Word`], its translations and a method of [`Words`] per word.
macro_rules! words {
    ($($(#[$doc:meta])* $variant:ident, $method:ident => ($kk:expr, $ru:expr, $en:expr $(,)?),)*) => {
        /// A word of the UI.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Word {
            $($(#[$doc])* $variant,)*
        }

        impl Word {
            /// Every word.
            pub const ALL: &[Word] = &[$(Word::$variant,)*];

            /// The word in Kazakh, Russian and English.
            pub fn translations(self) -> (&'static str, &'static str, &'static str) {
                match self {
                    $(Word::$variant => ($kk, $ru, $en),)*
                }
            }
        }

        impl Words {
            $(
                $(#[$doc])*
                pub fn $method(&self) -> &'static str {
                    t(self.0, Word::$variant)
                }
            )*
        }
    };
}

words! {
    /// `acts`
    Acts, acts => ("Актілер", "Акты", "Acts"),
    /// `search`
    Search, search => ("Іздеу", "Поиск", "Search"),
    /// `search_placeholder`
    SearchPlaceholder, search_placeholder => ("Мәтіннен іздеу…", "Поиск по тексту…", "Search the texts…"),
    /// `in_force_on`
    InForceOn, in_force_on => ("Күшіндегі редакция, күні", "Редакция, действующая на", "In force on"),
    /// `corrected_on`: before a correction's date and reason.
    CorrectedOn, corrected_on => ("Түзетілген күні", "Исправлено", "Corrected on"),
    /// `show`
    Show, show => ("Көрсету", "Показать", "Show"),
    /// `not_held`
    NotHeld, not_held => ("Тізілімде мәтіні жоқ", "Текст в реестре отсутствует", "Text not held by the registry"),
    /// `repealed`
    Repealed, repealed => ("Алып тасталды", "Исключён", "Repealed"),
    /// `pending`
    Pending, pending => ("Күні әлі белгісіз өзгеріс қолданылуы мүмкін", "Возможно изменение, дата которого ещё не известна", "May already be changed by an amendment whose date is not yet known"),
    /// `since`
    Since, since => ("бастап", "с", "since"),
    /// `base_text`
    BaseText, base_text => ("бастапқы мәтін", "исходный текст", "base text"),
    /// `by`
    By, by => ("өзгерткен акт", "изменён актом", "by"),
    /// `changes`
    Changes, changes => ("Өзгерістер", "Изменения", "Changes"),
    /// `from`
    From, from => ("бастап", "с", "from"),
    /// `to`
    To, to => ("дейін", "по", "to"),
    /// `no_hits`
    NoHits, no_hits => ("Ештеңе табылмады", "Ничего не найдено", "Nothing found"),
    /// `hits`
    Hits, hits => ("табылды", "найдено", "found"),
    /// `operations`
    Operations, operations => ("операция", "операций", "operations"),
    /// `error`
    Error, error => ("Қате", "Ошибка", "Error"),
    /// `bad_request`
    BadRequest, bad_request => ("Қате сұрау", "Неверный запрос", "Bad request"),
    /// `not_found`
    NotFound, not_found => ("Табылмады", "Не найдено", "Not found"),
    /// `unavailable`
    Unavailable, unavailable => ("Қызмет қолжетімсіз", "Сервис недоступен", "Service unavailable"),
    /// `internal_error`
    InternalError, internal_error => ("Сервердің ішкі қатесі", "Внутренняя ошибка сервера", "Internal server error"),
    /// `render_failed`
    RenderFailed, render_failed => ("Бетті көрсету мүмкін болмады", "Не удалось построить страницу", "The page could not be rendered"),
    /// `desk`: the publishing desk.
    Desk, desk => ("Жариялау", "Публикация", "Publishing"),
    /// `skip_to_content`: the skip link, the first thing a keyboard reaches.
    SkipToContent, skip_to_content => ("Негізгі мазмұнға өту", "Перейти к основному содержанию", "Skip to main content"),
    /// `ui_language`: the name of the KK/RU/EN links.
    UiLanguage, ui_language => ("Интерфейс тілі", "Язык интерфейса", "Interface language"),
    /// `result_pages`: the name of the search results' previous/next links.
    ResultPages, result_pages => ("Нәтиже беттері", "Страницы результатов", "Result pages"),
    /// `acts_caption`: the home page's table of acts.
    ActsCaption, acts_caption => ("Дерекқордағы актілер", "Акты в базе", "The acts held"),
    /// `registry_code`: the registry's code of an act (V1400010273).
    RegistryCode, registry_code => ("Тізілімдегі коды", "Код в реестре", "Registry code"),
    /// `act_title`: an act's title, as a column head.
    ActTitle, act_title => ("Атауы", "Наименование", "Title"),
    /// `number_and_date`: an act's number and date, as a column head.
    NumberAndDate, number_and_date => ("Нөмірі, күні", "Номер, дата", "Number, date"),
    /// `amending_operations`: what an amending act does, as a column head.
    AmendingOperations, amending_operations => ("Өзгерту операциялары", "Операции изменения", "Amending operations"),
    /// `login`
    Login, login => ("Кіру", "Войти", "Log in"),
    /// `logout`
    Logout, logout => ("Шығу", "Выйти", "Log out"),
    /// `token`
    Token, token => ("Кіру токені", "Токен доступа", "Access token"),
    /// `login_failed`
    LoginFailed, login_failed => ("Токен жарамсыз немесе кері қайтарылған", "Токен неизвестен или отозван", "The token is unknown or revoked"),
    /// `drafts`
    Drafts, drafts => ("Жобалар", "Проекты", "Drafts"),
    /// `no_drafts`
    NoDrafts, no_drafts => ("Жобалар жоқ", "Проектов нет", "No drafts"),
    /// `new_draft`
    NewDraft, new_draft => ("Жаңа жоба", "Новый проект", "New draft"),
    /// `meta`
    Meta, meta => ("Деректемелер (act.json)", "Реквизиты (act.json)", "Metadata (act.json)"),
    /// `order_text`
    OrderText, order_text => ("Бұйрықтың мәтіні", "Текст приказа", "The order's text"),
    /// `docx_file`
    DocxFile, docx_file => ("Бұйрықтың .docx файлы", "Файл приказа .docx", "The order as a .docx file"),
    /// `or_upload`
    OrUpload, or_upload => ("немесе файлды жүктеу", "или загрузить файл", "or upload a file"),
    /// `submit`
    Submit, submit => ("Жіберу", "Отправить", "Submit"),
    /// `state`
    State, state => ("Күйі", "Состояние", "State"),
    /// `submitted_by`
    SubmittedBy, submitted_by => ("Жіберген", "Отправил", "Submitted by"),
    /// `approved_by`
    ApprovedBy, approved_by => ("Мақұлдаған", "Одобрил", "Approved by"),
    /// `report`
    Report, report => ("Тексеру нәтижесі", "Результат проверки", "Check report"),
    /// `no_problems`
    NoProblems, no_problems => ("Қате табылмады", "Ошибок не найдено", "No problems found"),
    /// `line`
    Line, line => ("жол", "строка", "line"),
    /// `preview`
    Preview, preview => ("Алдын ала қарау", "Предпросмотр", "Preview"),
    /// `approve`
    Approve, approve => ("Мақұлдау", "Одобрить", "Approve"),
    /// `publish`
    Publish, publish => ("Жариялау", "Опубликовать", "Publish"),
    /// `discard`
    Discard, discard => ("Қайтарып алу", "Отозвать", "Discard"),
    /// `done`
    Done, done => ("Орындалды", "Выполнено", "Done"),
    /// `events`
    Events, events => ("Оқиғалар", "События", "Events"),
    /// `event_kind`
    EventKind, event_kind => ("Оқиға", "Событие", "Event"),
    /// `publication`
    Publication, publication => ("Алғашқы ресми жариялау", "Первое официальное опубликование", "First official publication"),
    /// `entry_into_force`
    EntryIntoForce, entry_into_force => ("Қолданысқа енгізілу", "Введение в действие", "Entry into force"),
    /// `repeal`
    Repeal, repeal => ("Күшін жою", "Утрата силы", "Repeal"),
    /// `date`
    Date, date => ("Күні", "Дата", "Date"),
    /// `reason`
    Reason, reason => ("Себебі (түзету үшін)", "Причина (для исправления)", "Reason (for a correction)"),
    /// `record`
    Record, record => ("Жазу", "Записать", "Record"),
    /// `correction`
    Correction, correction => ("Түзету", "Исправление", "Correction"),
    /// `correction_request`
    CorrectionRequest, correction_request => ("Түзету сұрауы (JSON)", "Запрос на исправление (JSON)", "Correction request (JSON)"),
    /// `forbidden`
    Forbidden, forbidden => ("Рұқсат жоқ", "Доступ запрещён", "Forbidden"),
    /// `conflict`
    Conflict, conflict => ("Қайшылық", "Конфликт", "Conflict"),
    /// `unprocessable`
    Unprocessable, unprocessable => ("Орындау мүмкін емес", "Невозможно выполнить", "Cannot be done"),
    /// `pending_date`
    PendingDate, pending_date => ("күні әлі белгісіз", "дата ещё не известна", "date not yet known"),
    /// `registry_text`: before the redactions a registry wording is taken from.
    RegistryText, registry_text => ("Тізілімнің мәтіні", "Текст реестра", "The registry's text"),
    /// `start_unknown`: before the latest day a wording can have started.
    StartUnknown, start_unknown => ("басталған күні белгісіз, кешіктірмей", "дата начала неизвестна, не позднее", "start unknown, at the latest"),
    /// `start_unknown_no_bound`
    StartUnknownNoBound, start_unknown_no_bound => ("басталған күні белгісіз", "дата начала неизвестна", "start unknown"),
    /// `text_language`
    TextLanguage, text_language => ("Мәтін тілі", "Язык текста", "Text language"),
    /// `kazakh`
    Kazakh, kazakh => ("Қазақша", "Казахский", "Kazakh"),
    /// `russian`
    Russian, russian => ("Орысша", "Русский", "Russian"),
    /// `side_by_side`
    SideBySide, side_by_side => ("Қатар", "Рядом", "Side by side"),
    /// `no_text_in_language`: a clause one language lacks.
    NoTextInLanguage, no_text_in_language => ("Бұл тілде бұл тармақ жоқ", "На этом языке этого пункта нет", "Not in this language"),
    /// `reconcile`
    Reconcile, reconcile => ("Тізіліммен салыстыру", "Сверка с реестром", "Reconciliation with the registry"),
    /// `pending_taken_earliest`
    PendingTakenEarliest, pending_taken_earliest => ("Күні белгісіз өзгерістер қолданысқа ене алатын ең ерте күні алынды", "Изменения с неизвестной датой взяты на самый ранний день, когда они могут вступить в силу", "Changes whose date is not yet known are taken on the earliest day they can take force"),
    /// `registry_applied`: before an amending act and the date of the redaction it caused.
    RegistryApplied, registry_applied => ("Тізілім мына актіні енгізген күн", "Реестр внёс изменения акта", "The registry applied"),
    /// `implies_publication`
    ImpliesPublication, implies_publication => ("Азаматтық кодекс бойынша есептегенде алғашқы ресми жариялау күні", "По счёту Гражданского кодекса это означает первое официальное опубликование", "Under the Civil Code count that means first publication on"),
    /// `recorded_publication`
    RecordedPublication, recorded_publication => ("Жазылған жариялау күні", "Записанная дата опубликования", "Recorded publication"),
    /// `only_registry`
    OnlyRegistry, only_registry => ("Тек тізілімде бар тармақтар", "Пункты, которые есть только в реестре", "Clauses only the registry holds"),
    /// `query_unreadable`
    QueryUnreadable, query_unreadable => ("Сұрауды оқу мүмкін болмады: тырнақшаларды, жақшаларды және AND, OR, NOT сөздерін тексеріңіз", "Запрос не удалось прочитать: проверьте кавычки, скобки и слова AND, OR, NOT", "The query could not be read: check its quotes, brackets and AND, OR, NOT"),
    /// `query_too_big`
    QueryTooBig, query_too_big => ("Сұрау тым ұзын немесе тым күрделі", "Запрос слишком длинный или сложный", "The query is too long or too complex"),
    /// `any_time`
    AnyTime, any_time => ("кез келген уақытта", "за всё время", "any time"),
    /// `previous`
    Previous, previous => ("Алдыңғы", "Назад", "Previous"),
    /// `next`
    Next, next => ("Келесі", "Далее", "Next"),
    /// `of`: "21–40 of 57".
    Of, of => ("/", "из", "of"),
    /// `details`
    Details, details => ("Толығырақ", "Подробнее", "Details"),
    /// `versions`: the days an act's text changes.
    Versions, versions => ("Редакциялар", "Редакции", "Versions"),
    /// `upcoming_changes`
    UpcomingChanges, upcoming_changes => ("Әлі күшіне енбеген өзгерістер", "Изменения, ещё не вступившие в силу", "Changes not yet in force"),
    /// `at_the_earliest`
    AtTheEarliest, at_the_earliest => ("ең ерте", "не ранее", "at the earliest"),
    /// `clauses`: after a count.
    Clauses, clauses => ("тармақ", "пункт(ов)", "clause(s)"),
    /// `services`: the heading of the services pages.
    Services, services => ("Мемлекеттік көрсетілетін қызметтер", "Государственные услуги", "State services"),
    /// `services_caption`
    ServicesCaption, services_caption => ("Корпустағы қағидалар реттейтін мемлекеттік көрсетілетін қызметтер", "Государственные услуги, регулируемые правилами в базе", "State services governed by the Rules held, on"),
    /// `no_services`
    NoServices, no_services => ("Бұл күні корпуста мемлекеттік көрсетілетін қызмет жоқ", "На эту дату государственных услуг в базе нет", "No state service in the corpus on this date"),
    /// `service_name`
    ServiceName, service_name => ("Қызмет", "Услуга", "Service"),
    /// `rules`
    Rules, rules => ("Қағидалар", "Правила", "Rules"),
    /// `approved_by_authority`
    ApprovedByAuthority, approved_by_authority => ("Бекіткен орган", "Утвердивший орган", "Approved by"),
    /// `passport`
    Passport, passport => ("Қызмет паспорты", "Паспорт услуги", "Service passport"),
    /// `attribute`
    Attribute, attribute => ("Сипаттама", "Сведение", "Attribute"),
    /// `value_and_source`
    ValueAndSource, value_and_source => ("Мәні және қайнар көзі", "Значение и источник", "Value and where it is stated"),
    /// `not_stated`
    NotStated, not_stated => ("Корпустағы мәтіндерде көрсетілмеген", "В текстах базы не указано", "Not stated in the texts held"),
    /// `partly_stated`
    PartlyStated, partly_stated => ("Ішінара ғана белгілі", "Известно лишь частично", "Only partly known"),
    /// `see`
    See, see => ("Қараңыз:", "См.", "See"),
    /// `services_affected`
    ServicesAffected, services_affected => ("Акт өзгертетін мемлекеттік көрсетілетін қызметтер", "Государственные услуги, которые изменяет акт", "State services this act changes"),
    /// `attributes_change`
    AttributesChange, attributes_change => ("Паспортта өзгереді", "В паспорте меняется", "Changes in the passport"),
    /// `passport_unchanged`
    PassportUnchanged, passport_unchanged => ("паспорттың мәліметтері өзгермейді", "сведения паспорта не меняются", "nothing in the passport changes"),
    /// `rules_clauses_changed`
    RulesClausesChanged, rules_clauses_changed => ("Қағидалардың өзгертілген тармақтары", "Изменяемые пункты правил", "Clauses of the Rules changed"),
    /// `ends_service`
    EndsService, ends_service => ("қағидалардың күші жойылады", "правила утрачивают силу", "the Rules cease to have force"),
    /// `schedule`: the heading of an amending act's entry-into-force schedule.
    Schedule, schedule => ("Қолданысқа енгізілу тәртібі", "Порядок введения в действие", "Entry into force"),
    /// `by_default`
    ByDefault, by_default => ("Жалпы тәртіппен", "По общему правилу", "By default"),
    /// `position`
    Position, position => ("Не қолданысқа енгізіледі", "Что вводится в действие", "What"),
    /// `rule`
    Rule, rule => ("Тәртібі", "Порядок", "Rule"),
    /// `schedule_stated_in`
    ScheduleStatedIn, schedule_stated_in => ("Тәртіп белгіленген тармақ", "Порядок установлен", "Stated in"),
    /// `registry_note`
    RegistryNote, registry_note => ("Тізілімнің ескертпесі", "Примечание реестра", "The registry's note"),
    /// `attr_provider`
    AttrProvider, attr_provider => ("Көрсетілетін қызметті беруші", "Услугодатель", "Service provider"),
    /// `attr_channels`
    AttrChannels, attr_channels => ("Ұсыну тәсілдері", "Способы предоставления", "Channels"),
    /// `attr_term`
    AttrTerm, attr_term => ("Қызмет көрсету мерзімі", "Срок оказания", "Term"),
    /// `attr_form`
    AttrForm, attr_form => ("Нысаны", "Форма оказания", "Form"),
    /// `attr_result`
    AttrResult, attr_result => ("Нәтижесі", "Результат оказания", "Result"),
    /// `attr_fee`
    AttrFee, attr_fee => ("Төлем мөлшері", "Размер оплаты", "Fee"),
    /// `attr_schedule`
    AttrSchedule, attr_schedule => ("Жұмыс кестесі", "График работы", "Working hours"),
    /// `attr_documents`
    AttrDocuments, attr_documents => ("Құжаттар тізбесі", "Перечень документов", "Documents required"),
    /// `attr_refusal_grounds`
    AttrRefusalGrounds, attr_refusal_grounds => ("Бас тарту үшін негіздер", "Основания для отказа", "Grounds for refusal"),
    /// `attr_other_requirements`
    AttrOtherRequirements, attr_other_requirements => ("Өзге де талаптар", "Иные требования", "Other requirements"),
    /// `clause_history`
    ClauseHistory, clause_history => ("Тармақтың редакциялары", "История пункта", "History of the clause"),
    /// `first_known_text`
    FirstKnownText, first_known_text => ("Алғашқы белгілі мәтін", "Первый известный текст", "First known text"),
    /// `changes_from_previous`
    ChangesFromPrevious, changes_from_previous => ("Алдыңғы редакциямен салыстырғанда", "Изменения по сравнению с предыдущей редакцией", "Changes from the previous version"),
    /// `same_words`
    SameWords, same_words => ("Сөздері алдыңғы редакциядағыдай", "Слова те же, что в предыдущей редакции", "The same words as the previous version"),
    /// `open_on_this_date`
    OpenOnThisDate, open_on_this_date => ("Осы күнгі актіде ашу", "Открыть в акте на эту дату", "Open in the act on this date"),
    /// `current_version`
    CurrentVersion, current_version => ("көрсетілген күні күшінде", "действует на выбранную дату", "in force on the date shown"),
    /// `search_kazakh_only`: said when a query reads as Russian.
    SearchKazakhOnly, search_kazakh_only => ("Іздеу тек қазақ тіліндегі мәтіндер бойынша жүргізіледі. Орыс тіліндегі мәтіндер актілердің беттерінде көрсетіледі, бірақ іздеуге кірмейді.", "Поиск ведётся только по текстам на казахском языке. Тексты на русском языке показываются на страницах актов, но в поиск не входят.", "Search covers the Kazakh texts only. Russian texts are shown on the acts' pages but are not searched."),
    /// `what_it_changes`: the heading of an amending act's changes.
    WhatItChanges, what_it_changes => ("Акт нені өзгертеді", "Что изменяет акт", "What this act changes"),
    /// `published`
    Published, published => ("Алғаш ресми жарияланған күні", "Первое официальное опубликование", "First published"),
    /// `not_recorded`
    NotRecorded, not_recorded => ("жазылмаған", "не записано", "not recorded"),
    /// `target_act`
    TargetAct, target_act => ("Акт", "Акт", "Act"),
    /// `clause`
    Clause, clause => ("Тармақ", "Пункт", "Clause"),
    /// `change`
    Change, change => ("Өзгеріс", "Изменение", "Change"),
    /// `in_force_from`
    InForceFrom, in_force_from => ("Күшіне енеді", "Вступает в силу", "In force from"),
    /// `item`: the amending act's item.
    Item, item => ("Актінің тармағы", "Пункт акта", "Item of the act"),
    /// `whole_act`
    WholeAct, whole_act => ("бүкіл акт", "весь акт", "the whole act"),
    /// `status_in_force`
    StatusInForce, status_in_force => ("күшінде", "действует", "in force"),
    /// `status_scheduled`
    StatusScheduled, status_scheduled => ("күшіне енбеген", "ещё не вступило в силу", "not yet in force"),
    /// `change_replace`
    ChangeReplace, change_replace => ("жаңа редакцияда", "в новой редакции", "new wording"),
    /// `change_delete`
    ChangeDelete, change_delete => ("алып тасталды", "исключён", "deleted"),
    /// `change_insert`
    ChangeInsert, change_insert => ("толықтырылды", "дополнен", "inserted"),
    /// `change_replace_words`
    ChangeReplaceWords, change_replace_words => ("сөздер ауыстырылды", "слова заменены", "words replaced"),
    /// `change_delete_words`
    ChangeDeleteWords, change_delete_words => ("сөздер алып тасталды", "слова исключены", "words deleted"),
    /// `change_replace_attachment`
    ChangeReplaceAttachment, change_replace_attachment => ("қосымша жаңа редакцияда", "приложение в новой редакции", "annex in a new wording"),
    /// `change_renumber`
    ChangeRenumber, change_renumber => ("нөмірі өзгертілді", "перенумерован", "renumbered"),
    /// `change_repeal`
    ChangeRepeal, change_repeal => ("күші жойылды", "утратил силу", "repealed"),
    /// `not_held_explained`: the banner over a page with texts not held.
    NotHeldExplained, not_held_explained => ("«Тізілімде мәтіні жоқ» дегеніміз: nusqa бұл тармақтардың мәтінін ұстамайды. Ол тек жарияланған актілер мен олардың өзгерістерінде жазылғанды көрсетеді және бос орынды ешқашан толтырмайды.", "«Текст в реестре отсутствует»: у nusqa нет текста этих пунктов. Показывается только то, что сказано в опубликованных актах и их изменениях; пробелы никогда не заполняются.", "“Text not held by the registry”: nusqa holds no text for these clauses. It shows only what the published acts and their amendments say, and never fills a gap."),
    /// `uncertain_explained`: the banner over a text with `[?]` marks.
    UncertainExplained, uncertain_explained => ("[?] белгісі: сканерленген түпнұсқаның бұл жерін сенімді оқу мүмкін болмады.", "Знак [?]: это место отсканированного оригинала не удалось прочитать уверенно.", "[?] marks a place where the scanned original could not be read with certainty."),
    /// `provenance`: where the act's text comes from.
    Provenance, provenance => ("Мәтіннің шығу тегі", "Происхождение текста", "Source of the text"),
    /// `contents`: the table of contents.
    Contents, contents => ("Мазмұны", "Содержание", "Contents"),
    /// `original_text`: the label of an act's first known text.
    OriginalText, original_text => ("Бастапқы мәтін, қабылданған күні", "Первоначальный текст, принят", "Original text, adopted"),
    /// `issuer`
    Issuer, issuer => ("Қабылдаған орган", "Принявший орган", "Issued by"),
    /// `registration`
    Registration, registration => ("Мемлекеттік тіркеу", "Государственная регистрация", "State registration"),
    /// `registered_as`
    RegisteredAs, registered_as => ("тіркеу нөмірі", "регистрационный номер", "registration no."),
    /// `status`
    StatusLabel, status_label => ("Мәртебесі", "Статус", "Status"),
    /// `act_not_yet_in_force`
    ActNotYetInForce, act_not_yet_in_force => ("күшіне енбеген", "не вступил в силу", "not yet in force"),
    /// `act_repealed`
    ActRepealed, act_repealed => ("күші жойылған", "утратил силу", "repealed"),
    /// `download`
    Download, download => ("Жүктеп алу", "Скачать", "Download"),
    /// `permalink`
    Permalink, permalink => ("Тұрақты сілтеме", "Постоянная ссылка", "Permanent link"),
    /// `lang_not_offered`: an unknown `lang` fell back to Kazakh.
    LangNotOffered, lang_not_offered => ("Сұралған тіл жоқ; интерфейс қазақ тілінде көрсетілді (бар тілдер: kk, ru, en).", "Запрошенного языка нет; интерфейс показан на казахском (есть: kk, ru, en).", "The language asked for is not offered; the interface is shown in Kazakh (offered: kk, ru, en)."),
    /// `date_format_hint`
    DateFormatHint, date_format_hint => ("ЖЖЖЖ-АА-КК", "ГГГГ-ММ-ДД", "YYYY-MM-DD"),
    /// `diff_added`
    DiffAdded, diff_added => ("қосылды", "добавлен", "added"),
    /// `diff_removed`
    DiffRemoved, diff_removed => ("жойылды", "удалён", "removed"),
    /// `diff_changed`
    DiffChanged, diff_changed => ("мәтіні өзгерді", "текст изменён", "text changed"),
    /// `diff_renumbered`
    DiffRenumbered, diff_renumbered => ("нөмірі өзгерді", "изменён номер", "renumbered"),
    /// `diff_status_changed`
    DiffStatusChanged, diff_status_changed => ("мәртебесі өзгерді", "изменён статус", "status changed"),
    /// `diff_unchanged`
    DiffUnchanged, diff_unchanged => ("өзгеріссіз", "без изменений", "unchanged"),
    /// `status_absent`: a clause that does not exist on a date.
    StatusAbsent, status_absent => ("жоқ", "отсутствует", "absent"),
    /// `status_not_held`
    StatusNotHeld, status_not_held => ("мәтіні жоқ", "текст отсутствует", "text not held"),
    /// `status_pending`
    StatusPending, status_pending => ("күні белгісіз өзгеріс күтілуде", "ожидается изменение с неизвестной датой", "a change with an unknown date is due"),
    /// `no_changes`: a compare range with nothing in it.
    NoChanges, no_changes => ("Бұл екі күннің арасында актінің мәтіні өзгермеген.", "Между этими датами текст акта не менялся.", "The act's text did not change between these dates."),
    /// `back_to_act`
    BackToAct, back_to_act => ("Актіге оралу", "Вернуться к акту", "Back to the act"),
    /// `compare_versions`
    CompareVersions, compare_versions => ("Редакцияларды салыстыру", "Сравнение редакций", "Compare versions"),
    /// `changed_by`: before the amending act's item.
    ChangedBy, changed_by => ("өзгерткен", "изменено", "changed by"),
    /// `changes_count`
    ChangesCount, changes_count => ("өзгеріс саны", "изменений", "changes"),
    /// `not_in_corpus`: after an act's id.
    NotInCorpus, not_in_corpus => ("бұл акт корпуста жоқ", "этого акта нет в корпусе", "is not in the corpus"),
    /// `not_a_date`: after what was given.
    NotADate, not_a_date => ("күн емес: күнді ЖЖЖЖ-АА-КК түрінде жазыңыз", "не дата: укажите дату в виде ГГГГ-ММ-ДД", "is not a date: write it as YYYY-MM-DD"),
    /// `not_a_registry_id`: after what was given.
    NotARegistryId, not_a_registry_id => ("тізілім нөмірі емес (мысалы, V1400010273)", "не регистрационный номер (например, V1400010273)", "is not a registry id (such as V1400010273)"),
    /// `no_such_page`: before the path.
    NoSuchPage, no_such_page => ("Мұндай бет жоқ", "Такой страницы нет", "No such page"),
    /// `bad_text_choice`
    BadTextChoice, bad_text_choice => ("мәтін тілі kk, ru немесе both болуы керек", "язык текста должен быть kk, ru или both", "the text language must be kk, ru or both"),
    /// `footer`
    Footer, footer => ("nusqa: Қазақстанның нормативтік актілерінің кез келген күнгі редакциясы", "nusqa: нормативные акты Казахстана в редакции на любую дату", "nusqa: Kazakhstan's regulatory acts as in force on any date"),
}

/// A UI word in `lang`.
pub fn t(lang: Lang, word: Word) -> &'static str {
    let (kk, ru, en) = word.translations();
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// The UI's words in one language, for the templates: `{{ t.acts() }}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words(pub Lang);

impl Words {
    /// The word in this language (see [`t`]).
    pub fn get(&self, word: Word) -> &'static str {
        t(self.0, word)
    }
}

/// The language code used in URLs and `<html lang>`.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "kk",
        Lang::Ru => "ru",
        Lang::En => "en",
    }
}

/// The language a `?lang=` parameter asks for; Kazakh by default.
pub fn parse(s: Option<&str>) -> Lang {
    match s {
        Some("ru") => Lang::Ru,
        Some("en") => Lang::En,
        _ => Lang::Kk,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_translated_and_distinct_per_language() {
        for &w in Word::ALL {
            let (kk, ru, en) = w.translations();
            assert!(!kk.is_empty() && !ru.is_empty() && !en.is_empty(), "{w:?}");
        }
        assert_eq!(t(Lang::Ru, Word::Acts), "Акты");
        assert_eq!(parse(Some("ru")), Lang::Ru);
        assert_eq!(parse(Some("xx")), Lang::Kk);
    }
}
