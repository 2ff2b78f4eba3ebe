<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de">
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../app/ui/approval_dialog.py" line="15" />
        <source>Manager approval</source>
        <translation>Freigabe durch die Leitung</translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../../app/ui/cart_model.py" line="30" />
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="31" />
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="32" />
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="33" />
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="34" />
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="103" />
        <source>Price changed by a manager (catalog price {0})</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <location filename="../../app/ui/customer_display.py" line="16" />
        <source>{0}: your purchase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="17" />
        <source>Welcome to {0}</source>
        <translation>Willkommen bei {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="41" />
        <source>Total {0}</source>
        <translation>Summe {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="48" />
        <source>Your change: {0}
Thank you!</source>
        <translation>Ihr Rückgeld: {0}
Vielen Dank!</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="77" />
        <source>No cash session</source>
        <translation>Keine Kassensitzung</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="85" />
        <source>&amp;Till</source>
        <translation>&amp;Kasse</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="87" />
        <source>Sales and reprints</source>
        <translation>Verkäufe und Nachdrucke</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="88" />
        <source>Receipt printer</source>
        <translation>Belegdrucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="89" />
        <source>Open the cash drawer</source>
        <translation>Kassenschublade öffnen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="90" />
        <source>Customer display</source>
        <translation>Kundenanzeige</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="91" />
        <source>Lock / switch staff</source>
        <translation>Sperren / Person wechseln</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="114" />
        <location filename="../../app/ui/main_window.py" line="174" />
        <source>Pop-up POS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="125" />
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="132" />
        <source>Staff: {0}</source>
        <translation>Person: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="168" />
        <source>{0} · till {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="170" />
        <source>Offline · {0} waiting to sync</source>
        <translation>Offline · {0} warten auf Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="172" />
        <source> · {0} need attention</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="175" />
        <source>Pop-up POS: {0}, till {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="203" />
        <source>Receipt kept in the print queue: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="213" />
        <source>Receipt saved as {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../app/ui/pin_pad.py" line="21" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/pin_pad.py" line="26" />
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsDialog</name>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="48" />
        <source>Receipt printer</source>
        <translation>Belegdrucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="56" />
        <source>192.168.1.50, /dev/usb/lp0 or 04b8:0202</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="65" />
        <source>PNG logo printed on receipts (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="66" />
        <source>Send QR codes as images (for printers without built-in QR)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="67" />
        <location filename="../../app/ui/printer_settings.py" line="128" />
        <source>No job printed yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="73" />
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="74" />
        <source>Address / device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="75" />
        <source>Port (network)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="76" />
        <source>Paper width</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="77" />
        <source>Profile (python-escpos)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="78" />
        <source>Code page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="79" />
        <source>Logo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="81" />
        <source>Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="83" />
        <source>Print a test page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="85" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="94" />
        <source>Last job:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="130" />
        <source>{0}: {1}, {2} attempt(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/printer_settings.py" line="142" />
        <source>Saved.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SalesListDialog</name>
    <message>
        <location filename="../../app/ui/sales_list.py" line="17" />
        <source>Sales on this till</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sales_list.py" line="26" />
        <source>Reprint (copy)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sales_list.py" line="28" />
        <source>Save as PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sales_list.py" line="30" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SellScreen</name>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="90" />
        <source>Scan a barcode, or type a name or SKU</source>
        <translation>Barcode scannen oder Name/Artikelnummer eingeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="119" />
        <source>One more of the selected line (F2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="120" />
        <source>One less of the selected line (F3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="121" />
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="121" />
        <source>Remove the selected line (Ctrl+Del)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="123" />
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="124" />
        <source>Discount the selected line: 10% or an amount (F4)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="129" />
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="130" />
        <source>Change the selected line's price (manager) (F5)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="146" />
        <source>Pay</source>
        <translation>Bezahlen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="146" />
        <source>Take payment (F12)</source>
        <translation>Zahlung annehmen (F12)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="151" />
        <source>Park</source>
        <translation>Parken</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="151" />
        <source>Set this cart aside (F6)</source>
        <translation>Diesen Warenkorb beiseitelegen (F6)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="154" />
        <source>Recall</source>
        <translation>Zurückholen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="154" />
        <source>Bring back a parked cart (F7)</source>
        <translation>Geparkten Warenkorb zurückholen (F7)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="159" />
        <source>Void</source>
        <translation>Stornieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="159" />
        <source>Throw this cart away, audited (F8)</source>
        <translation>Warenkorb verwerfen, protokolliert (F8)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="165" />
        <location filename="../../app/ui/sell_screen.py" line="475" />
        <source>Cart discount</source>
        <translation>Warenkorbrabatt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="165" />
        <source>Discount the whole cart (F9)</source>
        <translation>Rabatt auf den ganzen Warenkorb (F9)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="172" />
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="172" />
        <source>Lock the till / switch staff (F11)</source>
        <translation>Kasse sperren / Person wechseln (F11)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="230" />
        <source>{0} item(s) · tax {1} · discounts {2}</source>
        <translation>{0} Artikel · MWST {1} · Rabatte {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="388" />
        <source>Select a line in the cart first.</source>
        <translation>Wählen Sie zuerst eine Zeile im Warenkorb.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="448" />
        <source>Line discount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="448" />
        <source>Discount, e.g. 10% or 5.00 (empty removes it):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="457" />
        <source>Change price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="457" />
        <source>New unit price (empty: catalog price):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="475" />
        <source>Discount on the whole cart, e.g. 10% or 5.00:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="498" />
        <source>The cart is empty: there is nothing to park.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="500" />
        <source>Park cart</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="500" />
        <source>A name to find it again (optional):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="514" />
        <source>No parked carts.</source>
        <translation>Keine geparkten Warenkörbe.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="519" />
        <source>Recall a cart</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="519" />
        <source>Parked carts:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="533" />
        <source>Void cart</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="533" />
        <source>Why is this cart voided?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="572" />
        <source>Open the cash drawer</source>
        <translation>Kassenschublade öffnen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="572" />
        <source>Why is the drawer opened?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="584" />
        <source>Save the receipt as PDF</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../app/ui/sign_in.py" line="26" />
        <source>Who is at the till?</source>
        <translation>Wer steht an der Kasse?</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="49" />
        <source>Tap your name.</source>
        <translation>Tippen Sie auf Ihren Namen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="74" />
        <source>{0}: type your PIN.</source>
        <translation>{0}: Geben Sie Ihre PIN ein.</translation>
    </message>
</context>
<context>
    <name>TenderDialog</name>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="46" />
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="70" />
        <source>Cash</source>
        <translation>Bargeld</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="73" />
        <source>Cash given</source>
        <translation>Erhaltenes Bargeld</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="75" />
        <source>Add cash</source>
        <translation>Bargeld hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="82" />
        <source>Card (external terminal)</source>
        <translation>Karte (externes Terminal)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="84" />
        <location filename="../../app/ui/tender_dialog.py" line="99" />
        <source>Amount (empty: what is left)</source>
        <translation>Betrag (leer: Restbetrag)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="86" />
        <source>Terminal reference</source>
        <translation>Terminal-Referenz</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="88" />
        <source>Add card</source>
        <translation>Karte hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="95" />
        <source>Voucher / store credit</source>
        <translation>Gutschein / Guthaben</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="97" />
        <source>Voucher code</source>
        <translation>Gutscheincode</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="100" />
        <source>Add voucher</source>
        <translation>Gutschein hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="109" />
        <source>Remove payment</source>
        <translation>Zahlung entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="111" />
        <source>Complete sale (F12)</source>
        <translation>Verkauf abschliessen (F12)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="114" />
        <source>Back to cart (Esc)</source>
        <translation>Zurück zum Warenkorb (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="146" />
        <source>To pay: {0}</source>
        <translation>Zu bezahlen: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="148" />
        <source>Left to pay: {0}</source>
        <translation>Noch offen: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="164" />
        <source>Customer gives {0} in cash: complete at once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="260" />
        <source>Print receipt (P)</source>
        <translation>Beleg drucken (P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="263" />
        <source>No receipt: next customer (Enter)</source>
        <translation>Kein Beleg: nächste Kundschaft (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="267" />
        <source>PDF receipt (D)</source>
        <translation>PDF-Beleg (D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="282" />
        <source>Sale {0} completed.</source>
        <translation>Verkauf {0} abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/tender_dialog.py" line="283" />
        <source>Change: {0}</source>
        <translation>Rückgeld: {0}</translation>
    </message>
</context>
</TS>