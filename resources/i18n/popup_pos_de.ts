<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name></name>
    <message>
        <source>Refund</source>
        <translation type="vanished">Erstattung</translation>
    </message>
    <message>
        <source>Refund {0} to the customer?</source>
        <translation type="vanished">{0} an die Kundschaft erstatten?</translation>
    </message>
    <message>
        <source>Nothing to refund.</source>
        <translation type="vanished">Nichts zu erstatten.</translation>
    </message>
    <message>
        <source>Refund {0}</source>
        <translation type="vanished">{0} erstatten</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../app/ui/approval_dialog.py" line="31"/>
        <source>Manager approval</source>
        <translation>Freigabe durch die Leitung</translation>
    </message>
    <message>
        <location filename="../../app/ui/approval_dialog.py" line="42"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>BackupAction</name>
    <message>
        <location filename="../../app/ui/backup_action.py" line="35"/>
        <source>Backing up the till</source>
        <translation>Die Kasse wird gesichert</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_action.py" line="41"/>
        <source>Backup written to {0} (whole, integrity checked). Copy it to a USB stick to keep it off this laptop.</source>
        <translation>Sicherung in {0} geschrieben (vollständig, Integrität geprüft). Kopieren Sie sie auf einen USB-Stick, damit sie nicht nur auf diesem Laptop liegt.</translation>
    </message>
</context>
<context>
    <name>CardPage</name>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="52"/>
        <source>Amount of this part (empty: what is left)</source>
        <translation>Betrag dieses Teils (leer: Restbetrag)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="53"/>
        <source>Number pad</source>
        <translation>Ziffernblock</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="55"/>
        <source>Terminal reference (required at this event)</source>
        <translation>Terminal-Referenz (bei diesem Anlass erforderlich)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="57"/>
        <source>Terminal reference (optional)</source>
        <translation>Terminal-Referenz (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="60"/>
        <source>Card paid</source>
        <translation>Karte bezahlt</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="60"/>
        <source>The terminal accepted the card</source>
        <translation>Das Terminal hat die Karte akzeptiert</translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../../app/ui/cart_model.py" line="41"/>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="42"/>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="43"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="44"/>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="45"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="183"/>
        <source>Price changed by a manager (catalog price {0})</source>
        <translation>Preis von der Leitung geändert (Katalogpreis {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="111"/>
        <source>Markdown {0}: -{1}</source>
        <translation>Preissenkung {0}: -{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="114"/>
        <source>Bundle {0}: -{1}</source>
        <translation>Kombiangebot {0}: -{1}</translation>
    </message>
</context>
<context>
    <name>CashCloseLook</name>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="21"/>
        <source>Close the cash session</source>
        <translation>Kassensitzung abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="22"/>
        <source>Close session {0} with {1} counted?</source>
        <translation>Sitzung {0} mit {1} gezählt abschließen?</translation>
    </message>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="26"/>
        <source>Nothing counted: the drawer is empty.</source>
        <translation>Nichts gezählt: die Schublade ist leer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="27"/>
        <source>Closing numbers the Z report; it cannot be reopened.</source>
        <translation>Der Abschluss nummeriert den Z-Bericht; er kann nicht wieder geöffnet werden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="29"/>
        <source>Close session {0}</source>
        <translation>Sitzung {0} abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="38"/>
        <source>{0} over</source>
        <translation>{0} zu viel</translation>
    </message>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="40"/>
        <source>{0} short</source>
        <translation>{0} zu wenig</translation>
    </message>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="42"/>
        <source>exact</source>
        <translation>genau</translation>
    </message>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="43"/>
        <source>Session {0} closed: Z report {1}</source>
        <translation>Sitzung {0} abgeschlossen: Z-Bericht {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="48"/>
        <source>Counted: {0}</source>
        <translation>Gezählt: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="49"/>
        <source>Expected: {0}</source>
        <translation>Erwartet: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cash_close_look.py" line="50"/>
        <source>Over/short: {0}</source>
        <translation>Differenz: {0}</translation>
    </message>
</context>
<context>
    <name>CashPage</name>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="34"/>
        <source>Cash given (empty: exactly what is left)</source>
        <translation>Erhaltenes Bargeld (leer: genau der Restbetrag)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="35"/>
        <source>Number pad</source>
        <translation>Ziffernblock</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="35"/>
        <source>Type the cash given on the screen</source>
        <translation>Erhaltenes Bargeld am Bildschirm eingeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="36"/>
        <source>Add cash</source>
        <translation>Bargeld hinzufügen</translation>
    </message>
</context>
<context>
    <name>CashTab</name>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="66"/>
        <source>Open the session with this float</source>
        <translation>Sitzung mit diesem Wechselgeld eröffnen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="68"/>
        <source>Count the float</source>
        <translation>Wechselgeld zählen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="74"/>
        <source>Cash out (bank drop, petty cash)</source>
        <translation>Bargeld entnehmen (Bankeinzahlung, Kleinausgaben)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="75"/>
        <source>Cash in (more change)</source>
        <translation>Bargeld einlegen (mehr Wechselgeld)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="76"/>
        <location filename="../../app/ui/manager/cash_tab.py" line="77"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="79"/>
        <source>Reason, e.g. bank drop</source>
        <translation>Grund, z. B. Bankeinzahlung</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="80"/>
        <source>Record</source>
        <translation>Erfassen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="82"/>
        <source>X report</source>
        <translation>X-Bericht</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="83"/>
        <source>The session so far; nothing is counted or closed</source>
        <translation>Die Sitzung bis jetzt; nichts wird gezählt oder abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="97"/>
        <source>Close the session with this count</source>
        <translation>Sitzung mit dieser Zählung abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="99"/>
        <source>A blind count: the expected amount shows only after the count</source>
        <translation>Blindzählung: Der erwartete Betrag erscheint erst nach der Zählung</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="101"/>
        <source>The open session</source>
        <translation>Die offene Sitzung</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="104"/>
        <source>At the end: count the drawer by coins and notes</source>
        <translation>Zum Schluss: Schublade nach Münzen und Noten zählen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="113"/>
        <source>Print this report</source>
        <translation>Diesen Bericht drucken</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="139"/>
        <source>No cash session is open: count the float to open one.</source>
        <translation>Keine Kassensitzung offen: Wechselgeld zählen, um eine zu eröffnen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="142"/>
        <source>Session {0}, opened {1} by {2} with {3}</source>
        <translation>Sitzung {0}, eröffnet {1} von {2} mit {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="159"/>
        <source>Cash session open: the till can sell.</source>
        <translation>Kassensitzung offen: die Kasse kann verkaufen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="182"/>
        <source>Cash in of {0} recorded.</source>
        <translation>Bargeldeinlage von {0} erfasst.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="184"/>
        <source>Cash out of {0} recorded.</source>
        <translation>Bargeldentnahme von {0} erfasst.</translation>
    </message>
    <message>
        <source>Cash {0} of {1} recorded.</source>
        <translation type="vanished">Bargeldbewegung ({0}) über {1} erfasst.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="218"/>
        <source>over</source>
        <translation>Überschuss</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="218"/>
        <source>short</source>
        <translation>Fehlbetrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="218"/>
        <source>exact</source>
        <translation>genau</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/cash_tab.py" line="221"/>
        <source>{0}: {1} {2}.</source>
        <translation>{0}: {1} {2}.</translation>
    </message>
</context>
<context>
    <name>CatalogImport</name>
    <message>
        <location filename="../../app/ui/catalog_import.py" line="30"/>
        <source>Import a catalog (CSV)</source>
        <translation>Katalog importieren (CSV)</translation>
    </message>
    <message>
        <location filename="../../app/ui/catalog_import.py" line="32"/>
        <source>Catalog CSV (*.csv *.txt);;All files (*)</source>
        <translation>Katalog-CSV (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/catalog_import.py" line="46"/>
        <source>Cannot read {0}: {1}. Check the file and choose it again.</source>
        <translation>{0} kann nicht gelesen werden: {1}. Prüfen Sie die Datei und wählen Sie sie erneut.</translation>
    </message>
    <message>
        <location filename="../../app/ui/catalog_import.py" line="57"/>
        <source>Importing the catalog</source>
        <translation>Der Katalog wird importiert</translation>
    </message>
    <message>
        <location filename="../../app/ui/catalog_import.py" line="66"/>
        <source>Catalog imported: {0} new, {1} updated, {2} new maker(s).</source>
        <translation>Katalog importiert: {0} neu, {1} aktualisiert, {2} neue(r) Hersteller.</translation>
    </message>
    <message>
        <location filename="../../app/ui/catalog_import.py" line="77"/>
        <source>{0} cell(s) start like a spreadsheet formula. They were imported as typed and the CSV exports write them as text; rename them if that was not meant:</source>
        <translation>{0} Zelle(n) beginnen wie eine Tabellenformel. Sie wurden wie eingegeben importiert, und die CSV-Exporte schreiben sie als Text; benennen Sie sie um, wenn das nicht gewollt war:</translation>
    </message>
    <message>
        <location filename="../../app/ui/catalog_import.py" line="84"/>
        <source>… and {0} more.</source>
        <translation>… und {0} weitere.</translation>
    </message>
</context>
<context>
    <name>ChoiceDialog</name>
    <message>
        <location filename="../../app/ui/sell_dialogs.py" line="104"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>CloseTab</name>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="42"/>
        <source>Mark the selected conflict reviewed…</source>
        <translation>Gewählten Konflikt als geprüft markieren…</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="44"/>
        <source>Close the event</source>
        <translation>Anlass abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="48"/>
        <source>Close with the listed records unsynced</source>
        <translation>Mit den aufgeführten, nicht synchronisierten Datensätzen abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="52"/>
        <source>Not acknowledged by the hub</source>
        <translation>Vom Hub nicht bestätigt</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="53"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="59"/>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="78"/>
        <source>Every cash session closed</source>
        <translation>Jede Kassensitzung abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="79"/>
        <source>A stock count posted</source>
        <translation>Eine Inventur gebucht</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="80"/>
        <source>Every record acknowledged by the hub</source>
        <translation>Jeder Datensatz vom Hub bestätigt</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="81"/>
        <source>Conflicts reviewed</source>
        <translation>Konflikte geprüft</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/manager/close_tab.py" line="90"/>
        <source>%n feed entries from the hub could not be applied.</source>
        <translation>
            <numerusform>%n Eintrag vom Hub konnte nicht übernommen werden.</numerusform>
            <numerusform>%n Einträge vom Hub konnten nicht übernommen werden.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="92"/>
        <source>Tell the marketplace (the list is on the sync screen); this does not block the close.</source>
        <translation>Informieren Sie den Marktplatz (die Liste steht im Synchronisierungsfenster); der Abschluss wird dadurch nicht blockiert.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="97"/>
        <source>The event was closed on {0}: its records are read-only.</source>
        <translation>Der Anlass wurde am {0} abgeschlossen: Seine Datensätze sind nur noch lesbar.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="107"/>
        <source>reviewed</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="107"/>
        <source>to review</source>
        <translation>zu prüfen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="116"/>
        <source>The marketplace has closed the event on the hub.</source>
        <translation>Der Marktplatz hat den Anlass auf dem Hub abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="118"/>
        <source>The event&apos;s close on the hub (as of the last sync):</source>
        <translation>Abschluss des Anlasses auf dem Hub (Stand der letzten Synchronisation):</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="126"/>
        <source>Select a conflict in the list first.</source>
        <translation>Wählen Sie zuerst einen Konflikt in der Liste.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="128"/>
        <source>Review the conflict</source>
        <translation>Konflikt prüfen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="128"/>
        <source>What was done about it?</source>
        <translation>Was wurde unternommen?</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/close_tab.py" line="150"/>
        <source>The event is closed: its records are read-only; reports still work.</source>
        <translation>Der Anlass ist abgeschlossen: Seine Datensätze sind nur noch lesbar; Berichte funktionieren weiterhin.</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <location filename="../../app/ui/first_run/connect_page.py" line="24"/>
        <source>Marketplace or standalone</source>
        <translation>Marktplatz oder eigenständig</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/connect_page.py" line="27"/>
        <source>Enrolled with the marketplace&apos;s hub, the till gets the event, its catalog and pickup orders. Standalone, you type the event here and import the catalog later.</source>
        <translation>Beim Hub des Marktplatzes registriert, erhält die Kasse den Anlass, seinen Katalog und die Abholbestellungen. Eigenständig geben Sie den Anlass hier ein und importieren den Katalog später.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/connect_page.py" line="31"/>
        <source>Enroll with the marketplace&apos;s hub</source>
        <translation>Beim Hub des Marktplatzes registrieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/connect_page.py" line="32"/>
        <source>Work standalone</source>
        <translation>Eigenständig arbeiten</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/connect_page.py" line="41"/>
        <source>the one-time code from the marketplace</source>
        <translation>der Einmalcode vom Marktplatz</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/connect_page.py" line="43"/>
        <source>Hub address</source>
        <translation>Hub-Adresse</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/connect_page.py" line="44"/>
        <source>One-time code</source>
        <translation>Einmalcode</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/connect_page.py" line="86"/>
        <source>Choose the event&apos;s time zone from the list.</source>
        <translation>Wählen Sie die Zeitzone des Anlasses aus der Liste.</translation>
    </message>
    <message>
        <source>Tax classes as CODE=RATE, separated by commas: standard=20, reduced=5.5</source>
        <translation type="vanished">Steuersätze als CODE=SATZ, durch Kommas getrennt: standard=20, reduced=5.5</translation>
    </message>
    <message>
        <source>Prices include tax</source>
        <translation type="vanished">Preise inklusive MWST</translation>
    </message>
    <message>
        <source>e.g. 0.05 where coins stop at 5 cents; empty for none</source>
        <translation type="vanished">z. B. 0.05, wenn die kleinste Münze 5 Cent ist; leer für keine Rundung</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation type="vanished">Name des Anlasses</translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="vanished">Ort</translation>
    </message>
    <message>
        <source>Till code on receipts</source>
        <translation type="vanished">Kassenkürzel auf Belegen</translation>
    </message>
    <message>
        <source>Currency (ISO code)</source>
        <translation type="vanished">Währung (ISO-Code)</translation>
    </message>
    <message>
        <source>Locale for money and dates</source>
        <translation type="vanished">Gebietsschema für Beträge und Datumsangaben</translation>
    </message>
    <message>
        <source>Tax classes</source>
        <translation type="vanished">Steuersätze</translation>
    </message>
    <message>
        <source>Cash rounding</source>
        <translation type="vanished">Bargeldrundung</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/connect_page.py" line="79"/>
        <source>Type the hub&apos;s address and the one-time code the marketplace gave you.</source>
        <translation>Geben Sie die Adresse des Hubs und den Einmalcode ein, den Sie vom Marktplatz erhalten haben.</translation>
    </message>
</context>
<context>
    <name>CountGrid</name>
    <message>
        <location filename="../../app/ui/manager/count_grid.py" line="79"/>
        <source>Counted: {0}</source>
        <translation>Gezählt: {0}</translation>
    </message>
</context>
<context>
    <name>CountTab</name>
    <message>
        <location filename="../../app/ui/manager/count_tab.py" line="21"/>
        <source>The stall, or where held and written-off items are kept apart</source>
        <translation>Der Stand oder der Ort, an dem zurückgehaltene und abgeschriebene Artikel getrennt aufbewahrt werden</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/count_tab.py" line="22"/>
        <source>Start (or resume) a count</source>
        <translation>Inventur beginnen (oder fortsetzen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/count_tab.py" line="29"/>
        <source>Scan each item (adds one), or type CODE=QUANTITY</source>
        <translation>Jeden Artikel scannen (zählt eins dazu) oder CODE=MENGE eingeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/count_tab.py" line="33"/>
        <source>SKU</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/count_tab.py" line="33"/>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/count_tab.py" line="33"/>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/count_tab.py" line="33"/>
        <source>Counted</source>
        <translation>Gezählt</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/count_tab.py" line="33"/>
        <source>Variance</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/count_tab.py" line="37"/>
        <source>Post the count (writes the adjustments)</source>
        <translation>Inventur buchen (schreibt die Korrekturen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/count_tab.py" line="74"/>
        <source>Start a count first.</source>
        <translation>Beginnen Sie zuerst eine Inventur.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/count_tab.py" line="107"/>
        <source>Count posted: {0} product(s) adjusted.</source>
        <translation>Inventur gebucht: {0} Produkt(e) korrigiert.</translation>
    </message>
</context>
<context>
    <name>CustomAmountDialog</name>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="24"/>
        <location filename="../../app/ui/custom_amount_dialog.py" line="77"/>
        <source>Custom amount</source>
        <translation>Freier Betrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="29"/>
        <source>Amount in {0}</source>
        <translation>Betrag in {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="32"/>
        <source>Number pad</source>
        <translation>Ziffernblock</translation>
    </message>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="53"/>
        <source>No maker (the shop keeps it)</source>
        <translation>Kein Hersteller (der Betrag bleibt beim Geschäft)</translation>
    </message>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="57"/>
        <source>Note on the receipt (optional), e.g. gift wrapping</source>
        <translation>Notiz auf dem Beleg (optional), z. B. Geschenkverpackung</translation>
    </message>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="60"/>
        <source>Add to the cart</source>
        <translation>In den Warenkorb</translation>
    </message>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="63"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="66"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="67"/>
        <source>Tax</source>
        <translation>MWST</translation>
    </message>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="68"/>
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="69"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../../app/ui/custom_amount_dialog.py" line="78"/>
        <source>Type the amount to charge</source>
        <translation>Zu kassierenden Betrag eingeben</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <location filename="../../app/ui/customer_display.py" line="46"/>
        <source>{0}: your purchase</source>
        <translation>{0}: Ihr Einkauf</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="47"/>
        <source>Welcome to {0}</source>
        <translation>Willkommen bei {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="85"/>
        <source>Total {0}</source>
        <translation>Summe {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="92"/>
        <source>Thank you for shopping at {0}!</source>
        <translation>Vielen Dank für Ihren Einkauf bei {0}!</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="94"/>
        <source>Your change: {0}</source>
        <translation>Ihr Rückgeld: {0}</translation>
    </message>
    <message>
        <source>Your change: {0}
Thank you!</source>
        <translation type="vanished">Ihr Rückgeld: {0}
Vielen Dank!</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../app/ui/first_run/done_page.py" line="17"/>
        <source>Ready to sell</source>
        <translation>Bereit zum Verkaufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/done_page.py" line="18"/>
        <source>Staff sign in with their PIN on the next screen.</source>
        <translation>Das Personal meldet sich im nächsten Bildschirm mit seiner PIN an.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/done_page.py" line="39"/>
        <source>Event: {0} ({1})</source>
        <translation>Anlass: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/done_page.py" line="40"/>
        <source>Till: {0} · {1} product(s)</source>
        <translation>Kasse: {0} · {1} Produkt(e)</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/done_page.py" line="41"/>
        <source>Staff: {0}</source>
        <translation>Personal: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/done_page.py" line="42"/>
        <source>Receipt printer: {0} {1}</source>
        <translation>Belegdrucker: {0} {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/done_page.py" line="43"/>
        <source>Cash float: {0}</source>
        <translation>Wechselgeld: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/done_page.py" line="47"/>
        <source>No products yet: import the catalog with &apos;popup-pos catalog import FILE.csv&apos;, or sync once enrolled.</source>
        <translation>Noch keine Produkte: Importieren Sie den Katalog mit &apos;popup-pos catalog import FILE.csv&apos; oder synchronisieren Sie nach der Registrierung.</translation>
    </message>
</context>
<context>
    <name>EventForm</name>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="64"/>
        <source>Tax rate</source>
        <translation>Steuersatz</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="64"/>
        <source>Rate in %</source>
        <translation>Satz in %</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="70"/>
        <source>Add a rate</source>
        <translation>Satz hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="72"/>
        <source>Remove the rate</source>
        <translation>Satz entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="81"/>
        <source>Prices include tax</source>
        <translation>Preise inklusive MWST</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="84"/>
        <source>e.g. 0.05 where coins stop at 5 cents; empty for none</source>
        <translation>z. B. 0.05, wenn die kleinste Münze 5 Cent ist; leer für keine Rundung</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="88"/>
        <source>Event name</source>
        <translation>Name des Anlasses</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="89"/>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="90"/>
        <source>Till code on receipts</source>
        <translation>Kassenkürzel auf Belegen</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="91"/>
        <source>Language and country</source>
        <translation>Sprache und Land</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="92"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="93"/>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="94"/>
        <source>Tax rates</source>
        <translation>Steuersätze</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_form.py" line="96"/>
        <source>Cash rounding</source>
        <translation>Bargeldrundung</translation>
    </message>
</context>
<context>
    <name>EventPage</name>
    <message>
        <location filename="../../app/ui/first_run/event_page.py" line="20"/>
        <source>Welcome to Pop-up POS</source>
        <translation>Willkommen bei Pop-up POS</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_page.py" line="21"/>
        <source>A till sells at one event. Try the demo, or set up your own event.</source>
        <translation>Eine Kasse verkauft an einem Anlass. Probieren Sie die Demo aus oder richten Sie Ihren eigenen Anlass ein.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_page.py" line="22"/>
        <source>Try the demo event (a winter market with products, staff and PINs)</source>
        <translation>Demo-Anlass ausprobieren (ein Wintermarkt mit Produkten, Personal und PINs)</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_page.py" line="23"/>
        <source>Set up a real event</source>
        <translation>Echten Anlass einrichten</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/event_page.py" line="49"/>
        <source>This store is till {0} of &apos;{1}&apos; ({2}). A store belongs to one till: for another event, start Pop-up POS with another data folder.</source>
        <translation>Dieser Datenbestand ist Kasse {0} von „{1}“ ({2}). Ein Datenbestand gehört zu genau einer Kasse: Starten Sie Pop-up POS für einen anderen Anlass mit einem anderen Datenordner.</translation>
    </message>
</context>
<context>
    <name>EventReportView</name>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="57"/>
        <location filename="../../app/ui/event_report_view.py" line="87"/>
        <location filename="../../app/ui/event_report_view.py" line="102"/>
        <location filename="../../app/ui/event_report_view.py" line="147"/>
        <source>Sales</source>
        <translation>Verkäufe</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="58"/>
        <source>Items sold</source>
        <translation>Verkaufte Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="59"/>
        <source>Gross sales (before discounts)</source>
        <translation>Verkaufswert (vor Rabatten)</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="60"/>
        <location filename="../../app/ui/event_report_view.py" line="114"/>
        <source>Discounts</source>
        <translation>Rabatte</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="63"/>
        <source>Sales total</source>
        <translation>Verkaufssumme</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="64"/>
        <source>of which tax</source>
        <translation>davon MWST</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="61"/>
        <source>of which markdowns</source>
        <translation>davon Preissenkungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="62"/>
        <source>of which bundles</source>
        <translation>davon Kombiangebote</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="65"/>
        <source>Cash rounding</source>
        <translation>Bargeldrundung</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="66"/>
        <location filename="../../app/ui/event_report_view.py" line="172"/>
        <location filename="../../app/ui/event_report_view.py" line="181"/>
        <location filename="../../app/ui/event_report_view.py" line="237"/>
        <source>Returns</source>
        <translation>Rücknahmen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="67"/>
        <source>Returned value</source>
        <translation>Wert der Rücknahmen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="68"/>
        <source>Refunds paid</source>
        <translation>Geleistete Erstattungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="69"/>
        <source>Net sales (after returns)</source>
        <translation>Verkaufssumme nach Rücknahmen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="70"/>
        <source>Average sale</source>
        <translation>Durchschnitt pro Verkauf</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="71"/>
        <source>Gift cards sold (not sales)</source>
        <translation>Verkaufte Geschenkkarten (kein Umsatz)</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="87"/>
        <source>Sales by hour</source>
        <translation>Verkäufe nach Stunde</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="88"/>
        <source>Sales by maker</source>
        <translation>Verkäufe nach Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="88"/>
        <location filename="../../app/ui/event_report_view.py" line="113"/>
        <location filename="../../app/ui/event_report_view.py" line="125"/>
        <source>Revenue</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="101"/>
        <source>Hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="103"/>
        <location filename="../../app/ui/event_report_view.py" line="148"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="109"/>
        <source>SKU</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="110"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="111"/>
        <location filename="../../app/ui/event_report_view.py" line="122"/>
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="112"/>
        <location filename="../../app/ui/event_report_view.py" line="124"/>
        <location filename="../../app/ui/event_report_view.py" line="173"/>
        <location filename="../../app/ui/event_report_view.py" line="182"/>
        <source>Units</source>
        <translation>Stück</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="115"/>
        <location filename="../../app/ui/event_report_view.py" line="127"/>
        <source>Returned</source>
        <translation>Zurückgenommen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="116"/>
        <location filename="../../app/ui/event_report_view.py" line="128"/>
        <location filename="../../app/ui/event_report_view.py" line="138"/>
        <source>Refunds</source>
        <translation>Erstattungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="123"/>
        <location filename="../../app/ui/event_report_view.py" line="233"/>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="126"/>
        <source>Tax</source>
        <translation>MWST</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="129"/>
        <location filename="../../app/ui/event_report_view.py" line="140"/>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="135"/>
        <source>Tender</source>
        <translation>Zahlungsart</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="136"/>
        <source>Payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="137"/>
        <source>Taken</source>
        <translation>Eingenommen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="139"/>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="146"/>
        <location filename="../../app/ui/event_report_view.py" line="236"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="149"/>
        <source>Line discounts</source>
        <translation>Zeilenrabatte</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="150"/>
        <source>Cart discounts</source>
        <translation>Warenkorbrabatte</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="152"/>
        <source>Price changes</source>
        <translation>Preisänderungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="154"/>
        <source>Lines sold at another price than the catalog&apos;s, and what that took off</source>
        <translation>Zeilen, die nicht zum Katalogpreis verkauft wurden, und wie viel das ausmachte</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="157"/>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="159"/>
        <source>Lines and carts of this person&apos;s sales that carry a manager&apos;s approval</source>
        <translation>Zeilen und Warenkörbe aus den Verkäufen dieser Person mit Freigabe durch die Leitung</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="162"/>
        <source>Approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="164"/>
        <source>Approvals this person gave as the manager</source>
        <translation>Freigaben, die diese Person als Leitung erteilt hat</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="171"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="174"/>
        <location filename="../../app/ui/event_report_view.py" line="183"/>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="180"/>
        <source>Disposition</source>
        <translation>Verbleib</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="189"/>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="190"/>
        <source>Customer</source>
        <translation>Kundin/Kunde</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="191"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="192"/>
        <source>Items left</source>
        <translation>Offene Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="198"/>
        <source>Clerk</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="199"/>
        <source>Handoffs</source>
        <translation>Übergaben</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="200"/>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="216"/>
        <source>By reason</source>
        <translation>Nach Grund</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="218"/>
        <source>By disposition</source>
        <translation>Nach Verbleib</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="225"/>
        <source>Still to collect</source>
        <translation>Noch abzuholen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="227"/>
        <source>Handed over, by clerk</source>
        <translation>Übergeben, nach Person</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="231"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="232"/>
        <source>By hour</source>
        <translation>Nach Stunde</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="234"/>
        <source>Makers</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="235"/>
        <source>Tenders</source>
        <translation>Zahlungsarten</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="238"/>
        <source>Pickups</source>
        <translation>Abholungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="254"/>
        <source>{0}: event report</source>
        <translation>{0}: Anlassbericht</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="255"/>
        <source>Till {0} · times are {1}</source>
        <translation>Kasse {0} · Zeiten in {1}</translation>
    </message>
    <message>
        <source>Till {0} · times are this till&apos;s local time</source>
        <translation type="vanished">Kasse {0} · Zeiten in der Ortszeit dieser Kasse</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="287"/>
        <source>Others</source>
        <translation>Übrige</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="304"/>
        <source>Orders: {0} waiting, {1} partly collected, {2} collected, {3} cancelled. Items: {4} ordered, {5} handed over, {6} still to collect.</source>
        <translation>Bestellungen: {0} wartend, {1} teilweise abgeholt, {2} abgeholt, {3} storniert. Artikel: {4} bestellt, {5} übergeben, {6} noch abzuholen.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../app/ui/first_run/wizard.py" line="31"/>
        <source>Pop-up POS set-up</source>
        <translation>Einrichtung von Pop-up POS</translation>
    </message>
</context>
<context>
    <name>FloatPage</name>
    <message>
        <location filename="../../app/ui/first_run/float_page.py" line="19"/>
        <source>Cash float</source>
        <translation>Wechselgeld</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/float_page.py" line="21"/>
        <source>The coins and notes put in the drawer before the first sale; each cash session starts from it.</source>
        <translation>Die Münzen und Noten, die vor dem ersten Verkauf in die Schublade kommen; jede Kassensitzung beginnt damit.</translation>
    </message>
</context>
<context>
    <name>GoodsInTab</name>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="52"/>
        <source>Receive a delivery</source>
        <translation>Lieferung einbuchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="53"/>
        <source>Move stock</source>
        <translation>Ware umlagern</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="65"/>
        <source>The maker who delivered</source>
        <translation>Der Hersteller, der geliefert hat</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="67"/>
        <source>Delivery note number</source>
        <translation>Lieferscheinnummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="69"/>
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="78"/>
        <source>stall, quality_hold, maker (returned unsold), written_off, or till:B</source>
        <translation>stall, quality_hold, maker (unverkauft zurück), written_off oder till:B</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="81"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="83"/>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="94"/>
        <source>Scan each item (adds one), or type CODE=QUANTITY</source>
        <translation>Jeden Artikel scannen (zählt eins dazu) oder CODE=MENGE eingeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="97"/>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="97"/>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="97"/>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="191"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="97"/>
        <source>On hand</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="99"/>
        <source>Quantity…</source>
        <translation>Menge…</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="101"/>
        <source>Remove line</source>
        <translation>Zeile entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="103"/>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="136"/>
        <source>Receive the delivery</source>
        <translation>Lieferung einbuchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="136"/>
        <source>Move the stock</source>
        <translation>Ware umlagern</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="145"/>
        <source>Type CODE=QUANTITY with a whole number, e.g. ATE-001=12.</source>
        <translation>Geben Sie CODE=MENGE mit einer ganzen Zahl ein, z. B. ATE-001=12.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="180"/>
        <source>Tap a line of the list first.</source>
        <translation>Tippen Sie zuerst auf eine Zeile der Liste.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="192"/>
        <source>How many of {item} ({sku})?</source>
        <translation>Wie viele von {item} ({sku})?</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="201"/>
        <source>A quantity is a whole number from 1 to {limit}.</source>
        <translation>Eine Menge ist eine ganze Zahl von 1 bis {limit}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="218"/>
        <source>Scan or type the items first.</source>
        <translation>Scannen oder tippen Sie zuerst die Artikel.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="241"/>
        <source>Delivery note {note} of {maker} received: {units} unit(s).</source>
        <translation>Lieferschein {note} von {maker} eingebucht: {units} Stück.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/goods_in_tab.py" line="249"/>
        <source>Moved {units} unit(s) from {source} to {target}.</source>
        <translation>{units} Stück von {source} nach {target} umgelagert.</translation>
    </message>
</context>
<context>
    <name>LastLookDialog</name>
    <message>
        <location filename="../../app/ui/last_look.py" line="44"/>
        <source>Back: change nothing</source>
        <translation>Zurück: nichts ändern</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No cash session</source>
        <translation type="vanished">Keine Kassensitzung</translation>
    </message>
    <message>
        <source>&amp;Till</source>
        <translation type="vanished">&amp;Kasse</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="30"/>
        <source>Sell</source>
        <translation>Verkaufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="31"/>
        <source>Pickup desk</source>
        <translation>Abholtheke</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="32"/>
        <source>Returns desk</source>
        <translation>Rücknahme</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="33"/>
        <source>Cash, stock count, settlements, close</source>
        <translation>Kasse, Inventur, Abrechnungen, Abschluss</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="34"/>
        <source>Sales and reprints</source>
        <translation>Verkäufe und Nachdrucke</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="35"/>
        <source>Receipt printer</source>
        <translation>Belegdrucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="36"/>
        <source>Sync with the marketplace</source>
        <translation>Mit dem Marktplatz synchronisieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="37"/>
        <source>Open the cash drawer</source>
        <translation>Kassenschublade öffnen</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="38"/>
        <source>Customer display</source>
        <translation>Kundenanzeige</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="39"/>
        <source>Lock / switch staff</source>
        <translation>Sperren / Person wechseln</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="49"/>
        <source>Settings (first-run steps)…</source>
        <translation>Einstellungen (Ersteinrichtung)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="51"/>
        <source>Dark style</source>
        <translation>Dunkles Design</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="53"/>
        <source>Sounds</source>
        <translation>Töne</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="56"/>
        <source>Full screen (kiosk)</source>
        <translation>Vollbild (Kiosk)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="137"/>
        <location filename="../../app/ui/main_window.py" line="344"/>
        <source>Pop-up POS</source>
        <translation>Pop-up POS</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="vanished">Gesperrt</translation>
    </message>
    <message>
        <source>Staff: {0}</source>
        <translation type="vanished">Person: {0}</translation>
    </message>
    <message>
        <source>Standalone · {0} waiting to sync</source>
        <translation type="vanished">Eigenständig · {0} warten auf Synchronisierung</translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="vanished">Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="vanished">Offline</translation>
    </message>
    <message>
        <source>{0} · {1} waiting to sync</source>
        <translation type="vanished">{0} · {1} warten auf Synchronisierung</translation>
    </message>
    <message>
        <source>{0} · till {1}</source>
        <translation type="vanished">{0} · Kasse {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="373"/>
        <source>Settings are for a manager: sign in as a manager.</source>
        <translation>Einstellungen sind Sache der Leitung: melden Sie sich als Leitung an.</translation>
    </message>
    <message>
        <source> · {0} need attention</source>
        <translation type="vanished"> · {0} zu prüfen</translation>
    </message>
    <message>
        <source>Event closed: read-only</source>
        <translation type="vanished">Anlass abgeschlossen: nur lesen</translation>
    </message>
    <message>
        <source>Cash session {0} ({1})</source>
        <translation type="vanished">Kassensitzung {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="345"/>
        <source>Pop-up POS: {0}, till {1}</source>
        <translation>Pop-up POS: {0}, Kasse {1}</translation>
    </message>
    <message>
        <source>Receipt kept in the print queue: {0}</source>
        <translation type="vanished">Beleg bleibt in der Druckwarteschlange: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_printing.py" line="79"/>
        <source>Receipt saved as {0}</source>
        <translation>Beleg gespeichert als {0}</translation>
    </message>
</context>
<context>
    <name>ManagerPage</name>
    <message>
        <location filename="../../app/ui/first_run/manager_page.py" line="18"/>
        <source>Manager sign-in</source>
        <translation>Anmeldung der Leitung</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/manager_page.py" line="19"/>
        <source>Changing the till&apos;s settings is a manager&apos;s job.</source>
        <translation>Die Einstellungen der Kasse ändert die Leitung.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/manager_page.py" line="25"/>
        <source>Manager</source>
        <translation>Leitung</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/manager_page.py" line="26"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/manager_page.py" line="40"/>
        <source>This till has no manager: add one with &apos;popup-pos staff add NAME --role manager&apos;.</source>
        <translation>Diese Kasse hat keine Leitung: Fügen Sie eine mit &apos;popup-pos staff add NAME --role manager&apos; hinzu.</translation>
    </message>
</context>
<context>
    <name>ManagerScreen</name>
    <message>
        <location filename="../../app/ui/manager/screen.py" line="80"/>
        <source>Price rules</source>
        <translation>Preisregeln</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/screen.py" line="69"/>
        <source>Cash session</source>
        <translation>Kassensitzung</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/screen.py" line="70"/>
        <source>Stock count</source>
        <translation>Inventur</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/screen.py" line="71"/>
        <source>Goods in</source>
        <translation>Wareneingang</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/screen.py" line="72"/>
        <source>Maker settlements</source>
        <translation>Abrechnungen der Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/screen.py" line="74"/>
        <source>Event report</source>
        <translation>Anlassbericht</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/screen.py" line="75"/>
        <source>Close the event</source>
        <translation>Anlass abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/screen.py" line="76"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/screen.py" line="78"/>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Open the session with this float</source>
        <translation type="vanished">Sitzung mit diesem Wechselgeld eröffnen</translation>
    </message>
    <message>
        <source>Count the float</source>
        <translation type="vanished">Wechselgeld zählen</translation>
    </message>
    <message>
        <source>Cash out (bank drop, petty cash)</source>
        <translation type="vanished">Bargeld entnehmen (Bankeinzahlung, Kleinausgaben)</translation>
    </message>
    <message>
        <source>Cash in (more change)</source>
        <translation type="vanished">Bargeld einlegen (mehr Wechselgeld)</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="vanished">Betrag</translation>
    </message>
    <message>
        <source>Reason, e.g. bank drop</source>
        <translation type="vanished">Grund, z. B. Bankeinzahlung</translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="vanished">Erfassen</translation>
    </message>
    <message>
        <source>X report</source>
        <translation type="vanished">X-Bericht</translation>
    </message>
    <message>
        <source>The session so far; nothing is counted or closed</source>
        <translation type="vanished">Die Sitzung bis jetzt; nichts wird gezählt oder abgeschlossen</translation>
    </message>
    <message>
        <source>Close the session with this count</source>
        <translation type="vanished">Sitzung mit dieser Zählung abschließen</translation>
    </message>
    <message>
        <source>A blind count: the expected amount shows only after the count</source>
        <translation type="vanished">Blindzählung: Der erwartete Betrag erscheint erst nach der Zählung</translation>
    </message>
    <message>
        <source>The open session</source>
        <translation type="vanished">Die offene Sitzung</translation>
    </message>
    <message>
        <source>At the end: count the drawer by coins and notes</source>
        <translation type="vanished">Zum Schluss: Schublade nach Münzen und Noten zählen</translation>
    </message>
    <message>
        <source>Print this report</source>
        <translation type="vanished">Diesen Bericht drucken</translation>
    </message>
    <message>
        <source>No cash session is open: count the float to open one.</source>
        <translation type="vanished">Keine Kassensitzung offen: Wechselgeld zählen, um eine zu eröffnen.</translation>
    </message>
    <message>
        <source>Session {0}, opened {1} by {2} with {3}</source>
        <translation type="vanished">Sitzung {0}, eröffnet {1} von {2} mit {3}</translation>
    </message>
    <message>
        <source>Cash session open: the till can sell.</source>
        <translation type="vanished">Kassensitzung offen: die Kasse kann verkaufen.</translation>
    </message>
    <message>
        <source>Cash {0} of {1} recorded.</source>
        <translation type="vanished">Bargeldbewegung ({0}) über {1} erfasst.</translation>
    </message>
    <message>
        <source>over</source>
        <translation type="vanished">Überschuss</translation>
    </message>
    <message>
        <source>short</source>
        <translation type="vanished">Fehlbetrag</translation>
    </message>
    <message>
        <source>exact</source>
        <translation type="vanished">genau</translation>
    </message>
    <message>
        <source>{0}: {1} {2}.</source>
        <translation type="vanished">{0}: {1} {2}.</translation>
    </message>
    <message>
        <source>Start (or resume) a count</source>
        <translation type="vanished">Inventur beginnen (oder fortsetzen)</translation>
    </message>
    <message>
        <source>Scan each item (adds one), or type CODE=QUANTITY</source>
        <translation type="vanished">Jeden Artikel scannen (zählt eins dazu) oder CODE=MENGE eingeben</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="vanished">Artikelnummer</translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="vanished">Artikel</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation type="vanished">Erwartet</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation type="vanished">Gezählt</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation type="vanished">Differenz</translation>
    </message>
    <message>
        <source>Post the count (writes the adjustments)</source>
        <translation type="vanished">Inventur buchen (schreibt die Korrekturen)</translation>
    </message>
    <message>
        <source>Start a count first.</source>
        <translation type="vanished">Beginnen Sie zuerst eine Inventur.</translation>
    </message>
    <message>
        <source>Type CODE=QUANTITY with a whole number, e.g. ATE-001=12.</source>
        <translation type="vanished">Geben Sie CODE=MENGE mit einer ganzen Zahl ein, z. B. ATE-001=12.</translation>
    </message>
    <message>
        <source>Count posted: {0} product(s) adjusted.</source>
        <translation type="vanished">Inventur gebucht: {0} Produkt(e) korrigiert.</translation>
    </message>
    <message>
        <source>Maker</source>
        <translation type="vanished">Hersteller</translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="vanished">Stück</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation type="vanished">Umsatz</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation type="vanished">Rücknahmen</translation>
    </message>
    <message>
        <source>Held</source>
        <translation type="vanished">Zurückgehalten</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation type="vanished">Provision</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation type="vanished">Auszahlung</translation>
    </message>
    <message>
        <source>Save one PDF statement per maker</source>
        <translation type="vanished">Eine PDF-Abrechnung pro Hersteller speichern</translation>
    </message>
    <message>
        <source>{0} statement(s) saved in {1}</source>
        <translation type="vanished">{0} Abrechnung(en) gespeichert in {1}</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation type="vanished">Bericht als PDF speichern</translation>
    </message>
    <message>
        <source>Export CSV (sales, lines, returns, movements)</source>
        <translation type="vanished">CSV exportieren (Verkäufe, Zeilen, Rücknahmen, Bewegungen)</translation>
    </message>
    <message>
        <source>Report saved as {0}</source>
        <translation type="vanished">Bericht gespeichert als {0}</translation>
    </message>
    <message>
        <source>{0} CSV file(s) saved in {1}</source>
        <translation type="vanished">{0} CSV-Datei(en) gespeichert in {1}</translation>
    </message>
    <message>
        <source>Mark the selected conflict reviewed…</source>
        <translation type="vanished">Gewählten Konflikt als geprüft markieren…</translation>
    </message>
    <message>
        <source>Close with the listed records unsynced</source>
        <translation type="vanished">Mit den aufgeführten, nicht synchronisierten Datensätzen abschließen</translation>
    </message>
    <message>
        <source>Not acknowledged by the hub</source>
        <translation type="vanished">Vom Hub nicht bestätigt</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="vanished">Konflikte</translation>
    </message>
    <message>
        <source>Every cash session closed</source>
        <translation type="vanished">Jede Kassensitzung abgeschlossen</translation>
    </message>
    <message>
        <source>A stock count posted</source>
        <translation type="vanished">Eine Inventur gebucht</translation>
    </message>
    <message>
        <source>Every record acknowledged by the hub</source>
        <translation type="vanished">Jeder Datensatz vom Hub bestätigt</translation>
    </message>
    <message>
        <source>Conflicts reviewed</source>
        <translation type="vanished">Konflikte geprüft</translation>
    </message>
    <message>
        <source>The event was closed on {0}: its records are read-only.</source>
        <translation type="vanished">Der Anlass wurde am {0} abgeschlossen: Seine Datensätze sind nur noch lesbar.</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation type="vanished">geprüft</translation>
    </message>
    <message>
        <source>to review</source>
        <translation type="vanished">zu prüfen</translation>
    </message>
    <message>
        <source>Select a conflict in the list first.</source>
        <translation type="vanished">Wählen Sie zuerst einen Konflikt in der Liste.</translation>
    </message>
    <message>
        <source>Review the conflict</source>
        <translation type="vanished">Konflikt prüfen</translation>
    </message>
    <message>
        <source>What was done about it?</source>
        <translation type="vanished">Was wurde unternommen?</translation>
    </message>
    <message>
        <source>The event is closed: its records are read-only; reports still work.</source>
        <translation type="vanished">Der Anlass ist abgeschlossen: Seine Datensätze sind nur noch lesbar; Berichte funktionieren weiterhin.</translation>
    </message>
</context>
<context>
    <name>MessageArea</name>
    <message>
        <location filename="../../app/ui/message_area.py" line="58"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/message_area.py" line="116"/>
        <source>+{0} more</source>
        <translation>+{0} weitere</translation>
    </message>
</context>
<context>
    <name>ModeBar</name>
    <message>
        <location filename="../../app/ui/mode_bar.py" line="42"/>
        <source>Sell</source>
        <translation>Verkaufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/mode_bar.py" line="43"/>
        <source>Pickup</source>
        <translation>Abholung</translation>
    </message>
    <message>
        <location filename="../../app/ui/mode_bar.py" line="44"/>
        <source>Returns</source>
        <translation>Rücknahmen</translation>
    </message>
    <message>
        <location filename="../../app/ui/mode_bar.py" line="45"/>
        <source>Manager</source>
        <translation>Leitung</translation>
    </message>
    <message>
        <location filename="../../app/ui/mode_bar.py" line="59"/>
        <source>More…</source>
        <translation>Mehr…</translation>
    </message>
    <message>
        <location filename="../../app/ui/mode_bar.py" line="62"/>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location filename="../../app/ui/mode_bar.py" line="64"/>
        <source>Lock the till; the next person taps their name</source>
        <translation>Kasse sperren; die nächste Person tippt auf ihren Namen</translation>
    </message>
</context>
<context>
    <name>NewPersonDialog</name>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="47"/>
        <source>Add staff</source>
        <translation>Person hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="53"/>
        <source>Cashier</source>
        <translation>Kassierer/in</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="54"/>
        <source>Pickup clerk</source>
        <translation>Abholtheke</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="55"/>
        <source>Manager</source>
        <translation>Leitung</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="64"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="65"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
</context>
<context>
    <name>NumberPadDialog</name>
    <message>
        <location filename="../../app/ui/number_pad.py" line="92"/>
        <source>Delete the last character</source>
        <translation>Letztes Zeichen löschen</translation>
    </message>
    <message>
        <location filename="../../app/ui/number_pad.py" line="94"/>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../app/ui/number_pad.py" line="99"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/number_pad.py" line="102"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>OversellSetting</name>
    <message>
        <location filename="../../app/ui/manager/oversell_setting.py" line="20"/>
        <source>Warn, and sell</source>
        <translation>Warnen und verkaufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/oversell_setting.py" line="21"/>
        <source>Ask for a manager&apos;s PIN</source>
        <translation>PIN der Leitung verlangen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/oversell_setting.py" line="22"/>
        <source>What the counter does when a sale takes more than is left event-wide</source>
        <translation>Was die Kasse tut, wenn ein Verkauf mehr nimmt, als am ganzen Anlass übrig ist</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/oversell_setting.py" line="26"/>
        <source>Selling beyond the stock left:</source>
        <translation>Verkauf über den Restbestand hinaus:</translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="77"/>
        <source>Scan the customer&apos;s pickup QR code</source>
        <translation>QR-Abholcode der Kundin scannen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="79"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="82"/>
        <source>Read the QR code with the camera</source>
        <translation>QR-Code mit der Kamera lesen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_search.py" line="49"/>
        <source>No phone? Search by order number or customer name</source>
        <translation>Kein Telefon? Nach Bestellnummer oder Name suchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_list.py" line="57"/>
        <location filename="../../app/ui/pickup_screen.py" line="103"/>
        <location filename="../../app/ui/pickup_screen.py" line="140"/>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="104"/>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="105"/>
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="106"/>
        <source>Ordered</source>
        <translation>Bestellt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_list.py" line="34"/>
        <location filename="../../app/ui/pickup_screen.py" line="107"/>
        <source>Collected</source>
        <translation>Abgeholt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="108"/>
        <location filename="../../app/ui/pickup_screen.py" line="124"/>
        <source>Hand over</source>
        <translation>Übergeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="115"/>
        <source>ID checked</source>
        <translation>Ausweis geprüft</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="118"/>
        <source>Tick once you have seen an ID with the name on the order</source>
        <translation>Ankreuzen, sobald Sie einen Ausweis mit dem Namen der Bestellung gesehen haben</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="119"/>
        <source>Print a pickup slip</source>
        <translation>Abholbeleg drucken</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="122"/>
        <source>All</source>
        <translation>Alles</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="122"/>
        <source>Hand over everything left (F7)</source>
        <translation>Alles Übrige übergeben (F7)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="124"/>
        <source>Hand over the chosen items (F12)</source>
        <translation>Gewählte Artikel übergeben (F12)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="128"/>
        <source>Hand over on a manager&apos;s approval</source>
        <translation>Mit Freigabe der Leitung übergeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="129"/>
        <source>The order is genuine but not on this till yet: a manager checks it on the customer&apos;s phone</source>
        <translation>Die Bestellung ist echt, aber noch nicht auf dieser Kasse: Die Leitung prüft sie auf dem Telefon der Kundschaft</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="205"/>
        <source>No receipt printer is set up (More &gt; Receipt printer).</source>
        <translation>Kein Belegdrucker eingerichtet (Mehr &gt; Belegdrucker).</translation>
    </message>
    <message>
        <source>No receipt printer is set up (Till &gt; Receipt printer).</source>
        <translation type="vanished">Kein Belegdrucker eingerichtet (Kasse &gt; Belegdrucker).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="319"/>
        <source>This order asks for an ID check: tick &apos;ID checked&apos; once seen.</source>
        <translation>Diese Bestellung verlangt eine Ausweiskontrolle: Kreuzen Sie „Ausweis geprüft“ an, sobald Sie den Ausweis gesehen haben.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_list.py" line="51"/>
        <source>All pickups</source>
        <translation>Alle Abholungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_list.py" line="58"/>
        <source>Customer</source>
        <translation>Kundin/Kunde</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_list.py" line="59"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_list.py" line="60"/>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_list.py" line="67"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="171"/>
        <source>Desk</source>
        <translation>Theke</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="172"/>
        <source>Pickups</source>
        <translation>Abholungen</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation type="vanished">Verkaufen</translation>
    </message>
    <message>
        <source>Back to the sell screen (Ctrl+S)</source>
        <translation type="vanished">Zurück zum Verkauf (Ctrl+S)</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="vanished">Sperren</translation>
    </message>
    <message>
        <source>Lock the till / switch staff (F11)</source>
        <translation type="vanished">Kasse sperren / Person wechseln (F11)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_list.py" line="32"/>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_list.py" line="33"/>
        <source>Partly collected</source>
        <translation>Teilweise abgeholt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_list.py" line="35"/>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="220"/>
        <source>Scan a pickup code</source>
        <translation>Abholcode scannen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="275"/>
        <source>Genuine code, order not on this till yet</source>
        <translation>Echter Code, Bestellung noch nicht auf dieser Kasse</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_search.py" line="27"/>
        <source>No pickup order matches: check the spelling, or sync and search again.</source>
        <translation>Keine passende Abholbestellung: Prüfen Sie die Schreibweise oder synchronisieren Sie und suchen Sie erneut.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="292"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="308"/>
        <source>{0} handed over on {1} at till {2} by {3}</source>
        <translation>{0} übergeben am {1} an Kasse {2} von {3}</translation>
    </message>
    <message>
        <source>Choose how many of each item to hand over (or press All).</source>
        <translation type="vanished">Wählen Sie, wie viele von jedem Artikel übergeben werden (oder tippen Sie auf „Alles“).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="364"/>
        <source>Handed over: {0} item(s) of order {1}.</source>
        <translation>Übergeben: {0} Artikel der Bestellung {1}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="392"/>
        <source>No camera (or no camera support) on this computer: use the scanner or search by name.</source>
        <translation>Keine Kamera (oder keine Kameraunterstützung) auf diesem Computer: Verwenden Sie den Scanner oder suchen Sie nach dem Namen.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../app/ui/pin_pad.py" line="78"/>
        <source>Type the new PIN again.</source>
        <translation>Geben Sie die neue PIN erneut ein.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pin_pad.py" line="85"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pin_pad.py" line="112"/>
        <source>The two PINs differ: type the new PIN again.</source>
        <translation>Die beiden PINs stimmen nicht überein: Geben Sie die neue PIN erneut ein.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../app/ui/pin_pad.py" line="23"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/pin_pad.py" line="31"/>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>PresetTextDialog</name>
    <message>
        <location filename="../../app/ui/sell_dialogs.py" line="51"/>
        <source>Or type it here</source>
        <translation>Oder hier eingeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_dialogs.py" line="56"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_dialogs.py" line="59"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_dialogs.py" line="80"/>
        <source>Tap a reason above or type one.</source>
        <translation>Tippen Sie oben auf einen Grund oder geben Sie einen ein.</translation>
    </message>
</context>
<context>
    <name>PriceRuleDialog</name>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="26"/>
        <source>New markdown</source>
        <translation>Neue Preissenkung</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="26"/>
        <source>New bundle</source>
        <translation>Neues Bündel</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="27"/>
        <source>e.g. Candles, last hour</source>
        <translation>z. B. Kerzen, letzte Stunde</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="36"/>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="61"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="37"/>
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="38"/>
        <source>Product (SKU)</source>
        <translation>Produkt (SKU)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="39"/>
        <source>The category, maker or SKU as the catalog spells it</source>
        <translation>Kategorie, Hersteller oder SKU, wie im Katalog geschrieben</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="40"/>
        <source>Percent off, e.g. 30</source>
        <translation>Prozent Rabatt, z. B. 30</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="41"/>
        <source>Or a new unit price, e.g. 12.00</source>
        <translation>Oder ein neuer Stückpreis, z. B. 12.00</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="42"/>
        <source>Units in a bundle, e.g. 3</source>
        <translation>Stück pro Bündel, z. B. 3</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="43"/>
        <source>Bundle price, e.g. 10.00</source>
        <translation>Bündelpreis, z. B. 10.00</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="44"/>
        <source>Any product of this category</source>
        <translation>Jedes Produkt dieser Kategorie</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="45"/>
        <source>Or SKUs, separated by commas</source>
        <translation>Oder SKUs, durch Kommas getrennt</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="47"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="50"/>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="51"/>
        <source>Which</source>
        <translation>Welche</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="52"/>
        <source>Percent off</source>
        <translation>Prozent Rabatt</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="53"/>
        <source>New price</source>
        <translation>Neuer Preis</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="54"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="55"/>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="59"/>
        <source>Units</source>
        <translation>Stück</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="60"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="62"/>
        <source>SKUs</source>
        <translation>SKUs</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="63"/>
        <source>From (optional)</source>
        <translation>Von (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="64"/>
        <source>Until (optional)</source>
        <translation>Bis (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="66"/>
        <source>Save for every till</source>
        <translation>Für alle Kassen speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rule_dialog.py" line="66"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>PriceRulesTab</name>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="26"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="26"/>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="26"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="26"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="26"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="27"/>
        <source>Show withdrawn rules</source>
        <translation>Zurückgezogene Regeln zeigen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="30"/>
        <source>New markdown…</source>
        <translation>Neue Preissenkung …</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="31"/>
        <source>New bundle…</source>
        <translation>Neues Bündel …</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="32"/>
        <source>Withdraw the selected rule</source>
        <translation>Gewählte Regel zurückziehen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="34"/>
        <source>Markdowns and bundles for the whole event: the counter applies them by itself.</source>
        <translation>Preissenkungen und Bündel für den ganzen Anlass: Die Kasse wendet sie selbst an.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="36"/>
        <source>A change here reaches the other tills at their next sync.</source>
        <translation>Eine Änderung hier erreicht die anderen Kassen bei ihrer nächsten Synchronisierung.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="45"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="45"/>
        <source>withdrawn</source>
        <translation>zurückgezogen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/price_rules_tab.py" line="62"/>
        <source>Select the rule to withdraw in the list first.</source>
        <translation>Wählen Sie zuerst die zurückzuziehende Regel in der Liste.</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="29"/>
        <source>Receipt printer</source>
        <translation>Belegdrucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="32"/>
        <source>A thermal printer on the network (port 9100) or a device file; receipts can always be saved as PDF.</source>
        <translation>Ein Thermodrucker im Netzwerk (Port 9100) oder eine Gerätedatei; Belege lassen sich immer als PDF speichern.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="35"/>
        <source>Network printer</source>
        <translation>Netzwerkdrucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="36"/>
        <source>Device file (a USB or serial printer seen as a file)</source>
        <translation>Gerätedatei (ein USB- oder serieller Drucker, der als Datei erscheint)</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="37"/>
        <source>No printer for now</source>
        <translation>Vorerst kein Drucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="52"/>
        <source>Print a test page</source>
        <translation>Testseite drucken</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="58"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="59"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="61"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="63"/>
        <source>Paper width</source>
        <translation>Papierbreite</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="121"/>
        <source>{0} The test page waits in the print queue.</source>
        <translation>{0} Die Testseite wartet in der Druckwarteschlange.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/printer_page.py" line="123"/>
        <source>Test page sent: check that it printed, accents and QR code included.</source>
        <translation>Testseite gesendet: Prüfen Sie den Ausdruck, auch Umlaute, Akzente und QR-Code.</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsDialog</name>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="62"/>
        <source>Receipt printer</source>
        <translation>Belegdrucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="71"/>
        <source>192.168.1.50, /dev/usb/lp0 or 04b8:0202</source>
        <translation>192.168.1.50, /dev/usb/lp0 oder 04b8:0202</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="78"/>
        <source>Look for USB printers first</source>
        <translation>Zuerst nach USB-Druckern suchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="80"/>
        <source>Find USB printers</source>
        <translation>USB-Drucker suchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="89"/>
        <source>PNG logo printed on receipts (optional)</source>
        <translation>PNG-Logo für die Belege (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="90"/>
        <source>Send QR codes as images (for printers without built-in QR)</source>
        <translation>QR-Codes als Bilder senden (für Drucker ohne eingebaute QR-Funktion)</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="91"/>
        <location filename="../../app/ui/printer_settings.py" line="211"/>
        <source>No job printed yet.</source>
        <translation>Noch kein Auftrag gedruckt.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="95"/>
        <source>Print again (copy)</source>
        <translation>Erneut drucken (Kopie)</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="97"/>
        <source>It printed</source>
        <translation>Wurde gedruckt</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="105"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="106"/>
        <source>Address / device</source>
        <translation>Adresse / Gerät</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="107"/>
        <source>Port (network)</source>
        <translation>Port (Netzwerk)</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="108"/>
        <source>Baud rate (serial)</source>
        <translation>Baudrate (seriell)</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="112"/>
        <source>USB printers</source>
        <translation>USB-Drucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="114"/>
        <source>Paper width</source>
        <translation>Papierbreite</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="115"/>
        <source>Profile (python-escpos)</source>
        <translation>Profil (python-escpos)</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="116"/>
        <source>Code page</source>
        <translation>Codepage</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="117"/>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="119"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="121"/>
        <source>Print a test page</source>
        <translation>Testseite drucken</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="123"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="133"/>
        <source>Last job:</source>
        <translation>Letzter Auftrag:</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="135"/>
        <source>Print queue (a job that may have printed waits for you to check the paper):</source>
        <translation>Druckwarteschlange (ein Auftrag, der vielleicht gedruckt wurde, wartet, bis Sie das Papier geprüft haben):</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="202"/>
        <source>MAY HAVE PRINTED: check the paper</source>
        <translation>VIELLEICHT GEDRUCKT: Papier prüfen</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="203"/>
        <source> (copy)</source>
        <translation> (Kopie)</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="213"/>
        <source>{0}: {1}, {2} attempt(s)</source>
        <translation>{0}: {1}, {2} Versuch(e)</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="214"/>
        <source>may have printed</source>
        <translation>vielleicht gedruckt</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="257"/>
        <source>Looking for USB printers…</source>
        <translation>Suche nach USB-Druckern…</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="270"/>
        <source>No USB printer found: plug it in and switch it on, then look again.</source>
        <translation>Kein USB-Drucker gefunden: Schließen Sie ihn an, schalten Sie ihn ein und suchen Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="272"/>
        <source>Choose one to use it.</source>
        <translation>Wählen Sie einen aus, um ihn zu verwenden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="287"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <location filename="../../app/ui/product_editor.py" line="71"/>
        <source>Find a product: name, SKU or barcode</source>
        <translation>Produkt suchen: Name, Artikelnummer oder Barcode</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="76"/>
        <source>New product</source>
        <translation>Neues Produkt</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="77"/>
        <source>Import a catalog (CSV)…</source>
        <translation>Katalog importieren (CSV)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="90"/>
        <source>e.g. GLO-001</source>
        <translation>z. B. GLO-001</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="91"/>
        <source>e.g. Mulled wine</source>
        <translation>z. B. Glühwein</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="92"/>
        <source>size, colour… (optional)</source>
        <translation>Größe, Farbe… (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="93"/>
        <source>who made it</source>
        <translation>wer es hergestellt hat</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="94"/>
        <source>e.g. 4.50</source>
        <translation>z. B. 4.50</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="95"/>
        <source>also the quick-key page</source>
        <translation>auch die Schnelltastenseite</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="96"/>
        <source>codes, separated by spaces</source>
        <translation>Codes, durch Leerzeichen getrennt</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="105"/>
        <source>Pad</source>
        <translation>Ziffern</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="106"/>
        <source>Save product</source>
        <translation>Produkt speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="111"/>
        <source>SKU</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="112"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="113"/>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="114"/>
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="115"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="116"/>
        <source>Barcodes</source>
        <translation>Barcodes</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="124"/>
        <source>Tax</source>
        <translation>MWST</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="126"/>
        <location filename="../../app/ui/product_editor.py" line="299"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="132"/>
        <source>Page, e.g. Drinks</source>
        <translation>Seite, z. B. Getränke</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="157"/>
        <source>Place quick key</source>
        <translation>Schnelltaste platzieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="158"/>
        <source>Remove quick key</source>
        <translation>Schnelltaste entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="160"/>
        <source>Quick key</source>
        <translation>Schnelltaste</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="217"/>
        <source>This till takes its catalog from the marketplace: change it there.</source>
        <translation>Diese Kasse bezieht ihren Katalog vom Marktplatz: Ändern Sie ihn dort.</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="219"/>
        <source>Quick keys are this till&apos;s own: place them here.</source>
        <translation>Die Schnelltasten gehören zu dieser Kasse: Platzieren Sie sie hier.</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="300"/>
        <source>The product&apos;s price</source>
        <translation>Der Preis des Produkts</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="328"/>
        <source>Product {0} saved.</source>
        <translation>Produkt {0} gespeichert.</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="341"/>
        <source>Quick key placed on page {0}.</source>
        <translation>Schnelltaste auf Seite {0} platziert.</translation>
    </message>
    <message>
        <location filename="../../app/ui/product_editor.py" line="351"/>
        <source>Quick key removed.</source>
        <translation>Schnelltaste entfernt.</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../app/ui/progress.py" line="43"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/ui/progress.py" line="45"/>
        <source>Stop at the next safe point: nothing is left half-written</source>
        <translation>Am nächsten sicheren Punkt anhalten: Nichts bleibt halb geschrieben</translation>
    </message>
    <message>
        <location filename="../../app/ui/progress.py" line="68"/>
        <source>{0} of {1}</source>
        <translation>{0} von {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/progress.py" line="76"/>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
</context>
<context>
    <name>QuickKeyPanel</name>
    <message>
        <location filename="../../app/ui/quick_keys.py" line="47"/>
        <source>Custom amount…</source>
        <translation>Freier Betrag…</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_keys.py" line="49"/>
        <source>Sell an amount that is in no catalog, with its tax and maker</source>
        <translation>Einen Betrag verkaufen, der in keinem Katalog steht, mit seiner MWST und seinem Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_keys.py" line="53"/>
        <source>Gift card…</source>
        <translation>Geschenkkarte…</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_keys.py" line="56"/>
        <source>Sell a gift card: its code is on the receipt and works on every till</source>
        <translation>Eine Geschenkkarte verkaufen: Ihr Code steht auf dem Beleg und gilt an jeder Kasse</translation>
    </message>
</context>
<context>
    <name>RecordNames</name>
    <message>
        <location filename="../../app/ui/record_names.py" line="14"/>
        <source>sale</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_names.py" line="15"/>
        <source>return</source>
        <translation>Rücknahme</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_names.py" line="16"/>
        <source>pickup handoff</source>
        <translation>Abholübergabe</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_names.py" line="17"/>
        <source>stock movement</source>
        <translation>Lagerbewegung</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_names.py" line="18"/>
        <source>voucher issued</source>
        <translation>Gutschein ausgestellt</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_names.py" line="19"/>
        <source>cash session</source>
        <translation>Kassensitzung</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_names.py" line="20"/>
        <source>event setting</source>
        <translation>Veranstaltungseinstellung</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_names.py" line="21"/>
        <source>staff change</source>
        <translation>Personaländerung</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_names.py" line="22"/>
        <source>commission</source>
        <translation>Provision</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_names.py" line="23"/>
        <source>till closed</source>
        <translation>Kasse abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_names.py" line="24"/>
        <source>conflict review</source>
        <translation>Konfliktprüfung</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_names.py" line="25"/>
        <source>customer demand</source>
        <translation>Kundennachfrage</translation>
    </message>
</context>
<context>
    <name>RefundLastLook</name>
    <message>
        <location filename="../../app/ui/refund_last_look.py" line="22"/>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund_last_look.py" line="23"/>
        <source>Refund {0} to the customer?</source>
        <translation>{0} an die Kundschaft erstatten?</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund_last_look.py" line="24"/>
        <source>Nothing to refund.</source>
        <translation>Nichts zu erstatten.</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund_last_look.py" line="25"/>
        <source>Refund {0}</source>
        <translation>{0} erstatten</translation>
    </message>
</context>
<context>
    <name>ReportTab</name>
    <message>
        <location filename="../../app/ui/manager/report_tab.py" line="22"/>
        <source>Save the report as PDF</source>
        <translation>Bericht als PDF speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/report_tab.py" line="24"/>
        <source>Export CSV (sales, lines, returns, movements)</source>
        <translation>CSV exportieren (Verkäufe, Zeilen, Rücknahmen, Bewegungen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/report_tab.py" line="46"/>
        <source>Saving the event report</source>
        <translation>Anlassbericht wird gespeichert</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/report_tab.py" line="49"/>
        <source>Report saved as {0}</source>
        <translation>Bericht gespeichert als {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/report_tab.py" line="58"/>
        <source>Exporting CSV files</source>
        <translation>CSV-Dateien werden exportiert</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/report_tab.py" line="62"/>
        <source>{0} CSV file(s) saved in {1}</source>
        <translation>{0} CSV-Datei(en) gespeichert in {1}</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../app/ui/last_look.py" line="75"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>ReturnsRefund</name>
    <message>
        <location filename="../../app/ui/returns_refund.py" line="76"/>
        <source>Back to stock</source>
        <translation>Zurück ins Lager</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_refund.py" line="77"/>
        <source>Quality hold</source>
        <translation>Qualitätssperre</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_refund.py" line="78"/>
        <source>Write off</source>
        <translation>Abschreiben</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_refund.py" line="91"/>
        <source>From the terminal&apos;s refund slip</source>
        <translation>Vom Erstattungsbeleg des Terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_refund.py" line="93"/>
        <source>Card refund reference</source>
        <translation>Referenz der Kartenerstattung</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_refund.py" line="192"/>
        <source>Return {0} recorded: refund {1}.</source>
        <translation>Rücknahme {0} erfasst: Erstattung {1}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_refund.py" line="194"/>
        <source>Give {0} in cash from the drawer.</source>
        <translation>Geben Sie {0} bar aus der Schublade.</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_refund.py" line="198"/>
        <source>Store credit voucher {0}.</source>
        <translation>Guthabengutschein {0}.</translation>
    </message>
</context>
<context>
    <name>ReturnsScreen</name>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="74"/>
        <source>Scan the receipt&apos;s QR code (or a pickup code), or type the receipt number (A-000123)</source>
        <translation>QR-Code des Belegs (oder einen Abholcode) scannen oder Belegnummer eingeben (A-000123)</translation>
    </message>
    <message>
        <source>Date 2026-12-05</source>
        <translation type="vanished">Datum 2026-12-05</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="79"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="81"/>
        <source>Card reference</source>
        <translation>Kartenreferenz</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="82"/>
        <source>Find sale</source>
        <translation>Verkauf suchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="84"/>
        <source>Without receipt…</source>
        <translation>Ohne Beleg…</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="85"/>
        <source>Take items back with no receipt: a manager approves, store credit</source>
        <translation>Artikel ohne Beleg zurücknehmen: Freigabe durch die Leitung, Erstattung als Guthaben</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_overview.py" line="20"/>
        <location filename="../../app/ui/returns_overview.py" line="29"/>
        <location filename="../../app/ui/returns_screen.py" line="100"/>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_overview.py" line="28"/>
        <location filename="../../app/ui/returns_screen.py" line="101"/>
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="102"/>
        <source>Sold</source>
        <translation>Verkauft</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="103"/>
        <source>Returned</source>
        <translation>Zurückgenommen</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_overview.py" line="18"/>
        <location filename="../../app/ui/returns_screen.py" line="104"/>
        <source>Return</source>
        <translation>Rücknahme</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_overview.py" line="21"/>
        <location filename="../../app/ui/returns_screen.py" line="105"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_overview.py" line="22"/>
        <location filename="../../app/ui/returns_screen.py" line="106"/>
        <source>Disposition</source>
        <translation>Verbleib</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="112"/>
        <source>Refund to the original payment</source>
        <translation>Erstattung auf die ursprüngliche Zahlung</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="113"/>
        <source>Refund as store credit (voucher)</source>
        <translation>Erstattung als Guthaben (Gutschein)</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="116"/>
        <source>Return and refund</source>
        <translation>Zurücknehmen und erstatten</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="119"/>
        <source>Record the return and refund (F12)</source>
        <translation>Rücknahme erfassen und erstatten (F12)</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="122"/>
        <source>Exchange for new items…</source>
        <translation>Gegen neue Artikel umtauschen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="125"/>
        <source>The chosen lines become credit on the sell screen: scan the new items, pay the difference</source>
        <translation>Die gewählten Zeilen werden im Verkauf gutgeschrieben: neue Artikel scannen, Differenz bezahlen</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="135"/>
        <source>Sale</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_overview.py" line="19"/>
        <source>Receipt</source>
        <translation>Beleg</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_overview.py" line="30"/>
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_overview.py" line="31"/>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_overview.py" line="37"/>
        <source>Returns, with their reasons and dispositions</source>
        <translation>Rücknahmen mit Grund und Verbleib</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_overview.py" line="41"/>
        <source>Quality holds per maker (for the makers&apos; scorecards)</source>
        <translation>Qualitätssperren pro Hersteller (für die Bewertung der Hersteller)</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="155"/>
        <source>Returns desk</source>
        <translation>Rücknahme</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="156"/>
        <source>Returns and quality holds</source>
        <translation>Rücknahmen und Qualitätssperren</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="171"/>
        <source>Date {0}</source>
        <translation>Datum {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="178"/>
        <source>Scan a receipt</source>
        <translation>Beleg scannen</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="217"/>
        <source>No sale matches: check the date and amount, or sync and search again.</source>
        <translation>Kein passender Verkauf: Prüfen Sie Datum und Betrag oder synchronisieren Sie und suchen Sie erneut.</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="230"/>
        <source>Marketplace {0} (the marketplace refunds online)</source>
        <translation>Marktplatz-Bestellung {0} (der Marktplatz erstattet online)</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="233"/>
        <source>Receipt {0} · {1}</source>
        <translation>Beleg {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="242"/>
        <source> · outside the return window: a manager approves</source>
        <translation> · außerhalb der Rückgabefrist: Freigabe durch die Leitung</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="243"/>
        <source>Sold {0} · paid {1}{2}</source>
        <translation>Verkauft {0} · bezahlt {1}{2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="258"/>
        <source>Return without receipt</source>
        <translation>Rücknahme ohne Beleg</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="260"/>
        <source>Scan each item the customer brings back. A manager approves; the refund is store credit.</source>
        <translation>Scannen Sie jeden Artikel, den die Kundschaft zurückbringt. Die Leitung gibt frei; erstattet wird als Guthaben.</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_overview.py" line="52"/>
        <source>none</source>
        <translation>ohne</translation>
    </message>
</context>
<context>
    <name>SalesListDialog</name>
    <message>
        <location filename="../../app/ui/sales_list.py" line="18"/>
        <source>Sales on this till</source>
        <translation>Verkäufe an dieser Kasse</translation>
    </message>
    <message>
        <location filename="../../app/ui/sales_list.py" line="27"/>
        <source>Reprint (copy)</source>
        <translation>Nachdruck (Kopie)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sales_list.py" line="29"/>
        <source>Save as PDF</source>
        <translation>Als PDF speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/sales_list.py" line="31"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>SellActions</name>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="89"/>
        <source>Select a line in the cart first.</source>
        <translation>Wählen Sie zuerst eine Zeile im Warenkorb.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="138"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="139"/>
        <source>How many of this line?</source>
        <translation>Wie viele Stück in dieser Zeile?</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="151"/>
        <source>&apos;{0}&apos; is not a quantity: type a whole number such as 3.</source>
        <translation>&apos;{0}&apos; ist keine Menge: Geben Sie eine ganze Zahl wie 3 ein.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="215"/>
        <source>Line discount</source>
        <translation>Zeilenrabatt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="216"/>
        <source>Tap a percentage, or type an amount or e.g. 12% (empty removes the discount):</source>
        <translation>Tippen Sie auf einen Prozentsatz oder geben Sie einen Betrag oder z. B. 12% ein (leer entfernt den Rabatt):</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="225"/>
        <source>Change price</source>
        <translation>Preis ändern</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="226"/>
        <source>New unit price (empty: catalog price):</source>
        <translation>Neuer Stückpreis (leer: Katalogpreis):</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="251"/>
        <source>Cart discount</source>
        <translation>Warenkorbrabatt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="252"/>
        <source>Discount on the whole cart: tap a percentage, or type an amount or e.g. 12%:</source>
        <translation>Rabatt auf den ganzen Warenkorb: Tippen Sie auf einen Prozentsatz oder geben Sie einen Betrag oder z. B. 12% ein:</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="278"/>
        <source>The cart is empty: there is nothing to park.</source>
        <translation>Der Warenkorb ist leer: Es gibt nichts zu parken.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="280"/>
        <source>Coming back</source>
        <translation>Kommt zurück</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="280"/>
        <source>Fetching money</source>
        <translation>Holt Geld</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="280"/>
        <source>Trying on</source>
        <translation>Probiert an</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="280"/>
        <source>Next in line</source>
        <translation>Nächste in der Reihe</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="281"/>
        <source>Park cart</source>
        <translation>Warenkorb parken</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="281"/>
        <source>A name to find it again (optional):</source>
        <translation>Ein Name zum Wiederfinden (optional):</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="293"/>
        <source>No parked carts.</source>
        <translation>Keine geparkten Warenkörbe.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="297"/>
        <source>{0} · {1} line(s) · {2}</source>
        <translation>{0} · {1} Zeile(n) · {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="298"/>
        <source>(no name)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="302"/>
        <source>Recall a cart</source>
        <translation>Warenkorb zurückholen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="302"/>
        <source>Tap the cart to bring back:</source>
        <translation>Tippen Sie auf den Warenkorb, den Sie zurückholen möchten:</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="315"/>
        <source>Customer changed their mind</source>
        <translation>Kundschaft hat es sich anders überlegt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="316"/>
        <source>Card declined</source>
        <translation>Karte abgelehnt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="317"/>
        <source>Wrong items scanned</source>
        <translation>Falsche Artikel gescannt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="318"/>
        <source>Training</source>
        <translation>Schulung</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="321"/>
        <source>Void cart</source>
        <translation>Warenkorb stornieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="321"/>
        <source>Why is this cart voided?</source>
        <translation>Warum wird dieser Warenkorb storniert?</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="329"/>
        <source>Change for a note</source>
        <translation>Note wechseln</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="329"/>
        <source>Float check</source>
        <translation>Wechselgeld prüfen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="329"/>
        <source>Cash pickup</source>
        <translation>Bargeldentnahme</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="331"/>
        <source>Open the cash drawer</source>
        <translation>Kassenschublade öffnen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="332"/>
        <source>Why is the drawer opened?</source>
        <translation>Warum wird die Schublade geöffnet?</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_actions.py" line="349"/>
        <source>Save the receipt as PDF</source>
        <translation>Beleg als PDF speichern</translation>
    </message>
</context>
<context>
    <name>SellCustomer</name>
    <message>
        <location filename="../../app/ui/sell_customer.py" line="35"/>
        <source>Customer for this sale: {0}</source>
        <translation>Kundin, Kunde dieses Verkaufs: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_customer.py" line="43"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_customer.py" line="44"/>
        <source>Scan the customer&apos;s code, or type their phone number or email. Only a salted hash is kept.</source>
        <translation>Kundencode scannen oder Telefonnummer bzw. E-Mail eingeben. Gespeichert wird nur ein gesalzener Hash.</translation>
    </message>
</context>
<context>
    <name>SellPayment</name>
    <message>
        <location filename="../../app/ui/sell_payment.py" line="48"/>
        <source>Exchange: {0} credit from receipt {1}. Scan the new items, then Pay.</source>
        <translation>Umtausch: {0} Guthaben aus Beleg {1}. Scannen Sie die neuen Artikel und tippen Sie dann auf „Bezahlen“.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_payment.py" line="87"/>
        <source>Exchange done. {0} credit left on voucher {1} (printed on the return receipt).</source>
        <translation>Umtausch abgeschlossen. {0} Guthaben bleiben auf Gutschein {1} (auf dem Rücknahmebeleg gedruckt).</translation>
    </message>
</context>
<context>
    <name>SellScreen</name>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="169"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="170"/>
        <source>Who buys, for a drop&apos;s limit per customer (Ctrl+Shift+U)</source>
        <translation>Wer kauft, für die Grenze pro Person eines Drops (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="81"/>
        <source>Scan a barcode, or type a name or SKU</source>
        <translation>Barcode scannen oder Name/Artikelnummer eingeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="115"/>
        <source>One more of the selected line (F2)</source>
        <translation>Eins mehr in der gewählten Zeile (F2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="116"/>
        <source>One less of the selected line (F3)</source>
        <translation>Eins weniger in der gewählten Zeile (F3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="117"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="117"/>
        <source>Remove the selected line (Ctrl+Del)</source>
        <translation>Gewählte Zeile entfernen (Ctrl+Del)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="119"/>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="120"/>
        <source>Discount the selected line: 10% or an amount (F4)</source>
        <translation>Rabatt auf die gewählte Zeile: 10% oder ein Betrag (F4)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="125"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="126"/>
        <source>Change the selected line&apos;s price (manager) (F5)</source>
        <translation>Preis der gewählten Zeile ändern (Leitung) (F5)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="144"/>
        <source>Pay</source>
        <translation>Bezahlen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="144"/>
        <source>Take payment (F12)</source>
        <translation>Zahlung annehmen (F12)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="149"/>
        <source>Park</source>
        <translation>Parken</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="149"/>
        <source>Set this cart aside (F6)</source>
        <translation>Diesen Warenkorb beiseitelegen (F6)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="152"/>
        <source>Recall</source>
        <translation>Zurückholen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="152"/>
        <source>Bring back a parked cart (F7)</source>
        <translation>Geparkten Warenkorb zurückholen (F7)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="157"/>
        <source>Void</source>
        <translation>Stornieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="157"/>
        <source>Throw this cart away, audited (F8)</source>
        <translation>Warenkorb verwerfen, protokolliert (F8)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="163"/>
        <source>Cart discount</source>
        <translation>Warenkorbrabatt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="163"/>
        <source>Discount the whole cart (F9)</source>
        <translation>Rabatt auf den ganzen Warenkorb (F9)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="178"/>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="178"/>
        <source>Lock the till / switch staff (F11)</source>
        <translation>Kasse sperren / Person wechseln (F11)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="197"/>
        <source>Cancel the exchange</source>
        <translation>Umtausch abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="257"/>
        <source>{0} item(s) · tax {1} · discounts {2}</source>
        <translation>{0} Artikel · MWST {1} · Rabatte {2}</translation>
    </message>
    <message>
        <source>Select a line in the cart first.</source>
        <translation type="vanished">Wählen Sie zuerst eine Zeile im Warenkorb.</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation type="vanished">Zeilenrabatt</translation>
    </message>
    <message>
        <source>Discount, e.g. 10% or 5.00 (empty removes it):</source>
        <translation type="vanished">Rabatt, z. B. 10% oder 5.00 (leer entfernt ihn):</translation>
    </message>
    <message>
        <source>Change price</source>
        <translation type="vanished">Preis ändern</translation>
    </message>
    <message>
        <source>New unit price (empty: catalog price):</source>
        <translation type="vanished">Neuer Stückpreis (leer: Katalogpreis):</translation>
    </message>
    <message>
        <source>Discount on the whole cart, e.g. 10% or 5.00:</source>
        <translation type="vanished">Rabatt auf den ganzen Warenkorb, z. B. 10% oder 5.00:</translation>
    </message>
    <message>
        <source>The cart is empty: there is nothing to park.</source>
        <translation type="vanished">Der Warenkorb ist leer: Es gibt nichts zu parken.</translation>
    </message>
    <message>
        <source>Park cart</source>
        <translation type="vanished">Warenkorb parken</translation>
    </message>
    <message>
        <source>A name to find it again (optional):</source>
        <translation type="vanished">Ein Name zum Wiederfinden (optional):</translation>
    </message>
    <message>
        <source>No parked carts.</source>
        <translation type="vanished">Keine geparkten Warenkörbe.</translation>
    </message>
    <message>
        <source>Recall a cart</source>
        <translation type="vanished">Warenkorb zurückholen</translation>
    </message>
    <message>
        <source>Parked carts:</source>
        <translation type="vanished">Geparkte Warenkörbe:</translation>
    </message>
    <message>
        <source>Void cart</source>
        <translation type="vanished">Warenkorb stornieren</translation>
    </message>
    <message>
        <source>Why is this cart voided?</source>
        <translation type="vanished">Warum wird dieser Warenkorb storniert?</translation>
    </message>
    <message>
        <source>Open the cash drawer</source>
        <translation type="vanished">Kassenschublade öffnen</translation>
    </message>
    <message>
        <source>Why is the drawer opened?</source>
        <translation type="vanished">Warum wird die Schublade geöffnet?</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation type="vanished">Beleg als PDF speichern</translation>
    </message>
</context>
<context>
    <name>SettlementsTab</name>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="26"/>
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="27"/>
        <source>Units</source>
        <translation>Stück</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="28"/>
        <source>Revenue</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="29"/>
        <source>Returns</source>
        <translation>Rücknahmen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="30"/>
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="31"/>
        <location filename="../../app/ui/manager/settlements_tab.py" line="65"/>
        <source>Commission</source>
        <translation>Provision</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="32"/>
        <source>Payout</source>
        <translation>Auszahlung</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="38"/>
        <source>Save one PDF statement per maker</source>
        <translation>Eine PDF-Abrechnung pro Hersteller speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="40"/>
        <source>Commission of the selected maker…</source>
        <translation>Provision des gewählten Herstellers…</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="41"/>
        <source>With no maker selected: the event&apos;s rate for every maker</source>
        <translation>Ohne gewählten Hersteller: der Satz des Anlasses für alle Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="47"/>
        <source>Every till&apos;s sales and returns that reached this till by sync; sync first for the full event.</source>
        <translation>Verkäufe und Rücknahmen aller Kassen, soweit sie durch Synchronisierung auf diese Kasse gelangt sind; synchronisieren Sie zuerst, um den ganzen Anlass zu sehen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="62"/>
        <source>every maker (the event&apos;s rate)</source>
        <translation>alle Hersteller (Satz des Anlasses)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="66"/>
        <source>Commission for {0}, in percent (e.g. 25):</source>
        <translation>Provision für {0}, in Prozent (z. B. 25):</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager/settlements_tab.py" line="100"/>
        <source>{0} statement(s) saved in {1}</source>
        <translation>{0} Abrechnung(en) gespeichert in {1}</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../app/ui/sign_in.py" line="44"/>
        <source>Who is at the till?</source>
        <translation>Wer steht an der Kasse?</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="53"/>
        <location filename="../../app/ui/sign_in.py" line="188"/>
        <source>Change my PIN</source>
        <translation>Meine PIN ändern</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="80"/>
        <source>Tap your name.</source>
        <translation>Tippen Sie auf Ihren Namen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="119"/>
        <source>{0}: type your PIN.</source>
        <translation>{0}: Geben Sie Ihre PIN ein.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="125"/>
        <source>Checking the PIN…</source>
        <translation>PIN wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="175"/>
        <source>{0}: too many wrong PINs. Wait {1}, or ask a manager to reset the PIN.</source>
        <translation>{0}: zu viele falsche PINs. Warten Sie {1} oder bitten Sie die Leitung, die PIN zurückzusetzen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="189"/>
        <source>{0}: type your current PIN.</source>
        <translation>{0}: Geben Sie Ihre aktuelle PIN ein.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="189"/>
        <source>Type your new PIN.</source>
        <translation>Geben Sie Ihre neue PIN ein.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="216"/>
        <source>{0}: your PIN is changed. Sign in with the new one.</source>
        <translation>{0}: Ihre PIN ist geändert. Melden Sie sich mit der neuen an.</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../../app/ui/first_run/staff_page.py" line="18"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/staff_page.py" line="21"/>
        <source>Everyone who works the till signs in with their own PIN (4 to 8 digits). The first person is a manager, who can later approve discounts, voids and refunds.</source>
        <translation>Alle, die an der Kasse arbeiten, melden sich mit ihrer eigenen PIN an (4 bis 8 Ziffern). Die erste Person gehört zur Leitung und kann später Rabatte, Stornos und Erstattungen freigeben.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/staff_page.py" line="33"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/staff_page.py" line="36"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/staff_page.py" line="37"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/staff_page.py" line="38"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/staff_page.py" line="39"/>
        <source>PIN again</source>
        <translation>PIN wiederholen</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/staff_page.py" line="58"/>
        <source>manager</source>
        <translation>Leitung</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/staff_page.py" line="58"/>
        <source>cashier</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/staff_page.py" line="58"/>
        <source>pickup clerk</source>
        <translation>Abholtheke</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run/staff_page.py" line="66"/>
        <source>The two PINs differ: type the PIN again in both fields.</source>
        <translation>Die beiden PINs stimmen nicht überein: Geben Sie die PIN in beiden Feldern erneut ein.</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="89"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="89"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="89"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="94"/>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="95"/>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="96"/>
        <source>Reactivate</source>
        <translation>Reaktivieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="97"/>
        <source>Reset PIN…</source>
        <translation>PIN zurücksetzen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="136"/>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="138"/>
        <source>Sign-in waits until {0} (wrong PINs)</source>
        <translation>Anmeldung gesperrt bis {0} (falsche PINs)</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="142"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="165"/>
        <source>Nobody is signed in: sign in as a manager first.</source>
        <translation>Niemand ist angemeldet: Melden Sie sich zuerst als Leitung an.</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="184"/>
        <source>{0} is deactivated and can no longer sign in; Reactivate undoes it.</source>
        <translation>{0} ist deaktiviert und kann sich nicht mehr anmelden; „Reaktivieren“ macht das rückgängig.</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="195"/>
        <source>{0} is active again and signs in with their PIN.</source>
        <translation>{0} ist wieder aktiv und meldet sich mit der eigenen PIN an.</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="208"/>
        <source>{0} has a new PIN; any wait after wrong PINs is over.</source>
        <translation>{0} hat eine neue PIN; eine Sperre nach falschen PINs ist aufgehoben.</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="211"/>
        <location filename="../../app/ui/staff_panel.py" line="235"/>
        <source>New PIN for {0}.</source>
        <translation>Neue PIN für {0}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="232"/>
        <source>{0} is added and can sign in.</source>
        <translation>{0} ist hinzugefügt und kann sich anmelden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/staff_panel.py" line="241"/>
        <source>New PIN</source>
        <translation>Neue PIN</translation>
    </message>
</context>
<context>
    <name>StockBadge</name>
    <message>
        <location filename="../../app/ui/drop_badges.py" line="15"/>
        <location filename="../../app/ui/stock_badges.py" line="14"/>
        <source>Sold out</source>
        <translation>Ausverkauft</translation>
    </message>
    <message>
        <location filename="../../app/ui/stock_badges.py" line="16"/>
        <source>Last one</source>
        <translation>Letztes Stück</translation>
    </message>
    <message>
        <location filename="../../app/ui/drop_badges.py" line="16"/>
        <location filename="../../app/ui/stock_badges.py" line="18"/>
        <source>{0} left</source>
        <translation>Noch {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/stock_badges.py" line="25"/>
        <source>Sold out event-wide: this line sells beyond the stock</source>
        <translation>Am ganzen Anlass ausverkauft: diese Zeile verkauft über den Bestand hinaus</translation>
    </message>
    <message>
        <location filename="../../app/ui/stock_badges.py" line="26"/>
        <source>Only {0} left event-wide: this line sells beyond it</source>
        <translation>Am ganzen Anlass nur noch {0} übrig: diese Zeile verkauft darüber hinaus</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="48"/>
        <source>Sync with the marketplace</source>
        <translation>Mit dem Marktplatz synchronisieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="61"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="64"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="73"/>
        <source>Records needing attention (kept on the till):</source>
        <translation>Datensätze, die geprüft werden müssen (bleiben auf der Kasse):</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="75"/>
        <source>Conflicts the hub raised (recorded, for the manager):</source>
        <translation>Vom Hub gemeldete Konflikte (erfasst, für die Leitung):</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="83"/>
        <source>Standalone: this till is not enrolled with a hub (popup-pos enroll URL CODE).</source>
        <translation>Eigenständig: Diese Kasse ist bei keinem Hub registriert (popup-pos enroll URL CODE).</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="85"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="85"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="85"/>
        <source>Not tried yet</source>
        <translation>Noch nicht versucht</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="89"/>
        <source>Last success: {0}</source>
        <translation>Letzter Erfolg: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="90"/>
        <source>Waiting: {0} record(s), oldest {1}</source>
        <translation>Wartende Datensätze: {0}, ältester {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="95"/>
        <source>Last problem: {0}</source>
        <translation>Letztes Problem: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="100"/>
        <source>The hub refused this till&apos;s audit trail: {0}. Records still sync; keep this store as it is and tell the marketplace (popup-pos audit verify says more).</source>
        <translation>Der Hub hat das Prüfprotokoll dieser Kasse abgelehnt: {0}. Die Datensätze werden weiter synchronisiert; lassen Sie diesen Datenbestand, wie er ist, und informieren Sie den Marktplatz (popup-pos audit verify sagt mehr).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/sync_dialog.py" line="112"/>
        <source>%n feed entries could not be applied.</source>
        <translation>
            <numerusform>%n Eintrag vom Hub konnte nicht übernommen werden.</numerusform>
            <numerusform>%n Einträge vom Hub konnten nicht übernommen werden.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="114"/>
        <source>Tell the marketplace: these changes were skipped; the rest of the sync went on.</source>
        <translation>Informieren Sie den Marktplatz: Diese Änderungen wurden übersprungen; der Rest der Synchronisierung lief weiter.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="137"/>
        <source>Syncing with the marketplace</source>
        <translation>Synchronisierung mit dem Marktplatz</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="143"/>
        <source>Synced: {0} record(s) sent, {1} change(s) pulled from the hub.</source>
        <translation>Synchronisiert – gesendete Datensätze: {0}, vom Hub geholte Änderungen: {1}.</translation>
    </message>
</context>
<context>
    <name>TaxRatesLabel</name>
    <message>
        <location filename="../../app/ui/event_report_reach.py" line="40"/>
        <source>Tax per rate</source>
        <translation>Steuer je Satz</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_reach.py" line="46"/>
        <source>{0}: {1} tax on {2}</source>
        <translation>{0}: {1} Steuer auf {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_reach.py" line="49"/>
        <source>No sales yet.</source>
        <translation>Noch keine Verkäufe.</translation>
    </message>
</context>
<context>
    <name>TenderDialog</name>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="55"/>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="107"/>
        <source>Cash</source>
        <translation>Bargeld</translation>
    </message>
    <message>
        <source>Cash given</source>
        <translation type="vanished">Erhaltenes Bargeld</translation>
    </message>
    <message>
        <source>Add cash</source>
        <translation type="vanished">Bargeld hinzufügen</translation>
    </message>
    <message>
        <source>Card (external terminal)</source>
        <translation type="vanished">Karte (externes Terminal)</translation>
    </message>
    <message>
        <source>Amount (empty: what is left)</source>
        <translation type="vanished">Betrag (leer: Restbetrag)</translation>
    </message>
    <message>
        <source>Terminal reference</source>
        <translation type="vanished">Terminal-Referenz</translation>
    </message>
    <message>
        <source>Add card</source>
        <translation type="vanished">Karte hinzufügen</translation>
    </message>
    <message>
        <source>Voucher / store credit</source>
        <translation type="vanished">Gutschein / Guthaben</translation>
    </message>
    <message>
        <source>Voucher code</source>
        <translation type="vanished">Gutscheincode</translation>
    </message>
    <message>
        <source>Add voucher</source>
        <translation type="vanished">Gutschein hinzufügen</translation>
    </message>
    <message>
        <source>Remove payment</source>
        <translation type="vanished">Zahlung entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="108"/>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="108"/>
        <source>The terminal charges what is left: complete at once</source>
        <translation>Das Terminal belastet den Restbetrag: sofort abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="109"/>
        <source>Voucher</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="120"/>
        <source>Split</source>
        <translation>Aufteilen</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="120"/>
        <source>Pay part by one method and the rest by another</source>
        <translation>Einen Teil mit einer Zahlungsart bezahlen, den Rest mit einer anderen</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="128"/>
        <source>Remove last payment</source>
        <translation>Letzte Zahlung entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="130"/>
        <source>Complete sale (F12)</source>
        <translation>Verkauf abschließen (F12)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="133"/>
        <source>Back to cart (Esc)</source>
        <translation>Zurück zum Warenkorb (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="173"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="196"/>
        <source>To pay: {0}</source>
        <translation>Zu bezahlen: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="198"/>
        <source>Left to pay: {0}</source>
        <translation>Noch offen: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="199"/>
        <source>Charge {0} on the terminal, then tap Card paid.</source>
        <translation>Belasten Sie {0} am Terminal und tippen Sie dann auf „Karte bezahlt“.</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="205"/>
        <source>Paid so far: {0}</source>
        <translation>Bisher bezahlt: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="216"/>
        <source>Customer gives {0} in cash: complete at once</source>
        <translation>Kundschaft gibt {0} bar: sofort abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="246"/>
        <source>Print receipt (P)</source>
        <translation>Beleg drucken (P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="249"/>
        <source>No receipt: next customer (Enter)</source>
        <translation>Kein Beleg: nächste Kundschaft (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="253"/>
        <source>PDF receipt (D)</source>
        <translation>PDF-Beleg (D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="269"/>
        <source>Sale {0} completed.</source>
        <translation>Verkauf {0} abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="272"/>
        <source>Change: {0}</source>
        <translation>Rückgeld: {0}</translation>
    </message>
</context>
<context>
    <name>TenderNames</name>
    <message>
        <location filename="../../app/ui/tender_names.py" line="13"/>
        <source>Cash</source>
        <translation>Bargeld</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_names.py" line="14"/>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_names.py" line="15"/>
        <source>Voucher</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_names.py" line="26"/>
        <source>Store credit (voucher)</source>
        <translation>Guthaben (Gutschein)</translation>
    </message>
</context>
<context>
    <name>TenderPayments</name>
    <message>
        <location filename="../../app/ui/tender_payments.py" line="136"/>
        <source>Vouchers cannot be checked here: take another payment.</source>
        <translation>Gutscheine können hier nicht geprüft werden: Nehmen Sie eine andere Zahlung an.</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_payments.py" line="153"/>
        <source>Voucher {0} holds {1}: {2} used, {3} stays on it.</source>
        <translation>Gutschein {0} hat ein Guthaben von {1}: {2} verwendet, {3} bleiben darauf.</translation>
    </message>
</context>
<context>
    <name>TillReachLabel</name>
    <message>
        <location filename="../../app/ui/event_report_reach.py" line="27"/>
        <source>Till {0} (this till): up to now</source>
        <translation>Kasse {0} (diese Kasse): bis jetzt</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_reach.py" line="28"/>
        <source>Till {0}: records up to {1}</source>
        <translation>Kasse {0}: Datensätze bis {1}</translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <location filename="../../app/ui/status_bar.py" line="39"/>
        <location filename="../../app/ui/status_bar.py" line="86"/>
        <source>No cash session</source>
        <translation>Keine Kassensitzung</translation>
    </message>
    <message>
        <source>Open the print queue (Till &gt; Receipt printer)</source>
        <translation type="vanished">Druckwarteschlange öffnen (Kasse &gt; Belegdrucker)</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="44"/>
        <location filename="../../app/ui/status_bar.py" line="116"/>
        <source>Open the print queue (More &gt; Receipt printer)</source>
        <translation>Druckwarteschlange öffnen (Mehr &gt; Belegdrucker)</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="79"/>
        <source>Staff: {0}</source>
        <translation>Person: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="79"/>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="82"/>
        <source>{0} · till {1}</source>
        <translation>{0} · Kasse {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="84"/>
        <source>Event closed: read-only</source>
        <translation>Anlass abgeschlossen: nur lesen</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="88"/>
        <source>Cash session {0} ({1})</source>
        <translation>Kassensitzung {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="94"/>
        <source>Standalone</source>
        <translation>Eigenständig</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="96"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="96"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="97"/>
        <source>{0} · {1} waiting to sync</source>
        <translation>{0} · {1} warten auf Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="99"/>
        <source> · {0} need attention</source>
        <translation> · {0} zu prüfen</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="108"/>
        <source>Printer: {0} may have printed, check</source>
        <translation>Drucker: {0} vielleicht gedruckt, bitte prüfen</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="110"/>
        <source>Printer: not answering, {0} waiting</source>
        <translation>Drucker: antwortet nicht, {0} wartend</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="112"/>
        <source>Printer: {0} waiting</source>
        <translation>Drucker: {0} wartend</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="114"/>
        <source>Printer: ready</source>
        <translation>Drucker: bereit</translation>
    </message>
</context>
<context>
    <name>VoucherPage</name>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="76"/>
        <source>Voucher code: scan or type it</source>
        <translation>Gutscheincode: scannen oder eingeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="77"/>
        <source>Amount of this part (empty: what is left)</source>
        <translation>Betrag dieses Teils (leer: Restbetrag)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="78"/>
        <source>Number pad</source>
        <translation>Ziffernblock</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_pages.py" line="79"/>
        <source>Check and use voucher</source>
        <translation>Gutschein prüfen und verwenden</translation>
    </message>
</context>
</TS>
