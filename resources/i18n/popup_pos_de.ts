<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de">
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../app/ui/approval_dialog.py" line="25" />
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
    <name>ConnectPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="232" />
        <source>Marketplace or standalone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="235" />
        <source>Enrolled with the marketplace's hub, the till gets the event, its catalog and pickup orders. Standalone, you type the event here and import the catalog later.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="239" />
        <source>Enroll with the marketplace's hub</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="240" />
        <source>Work standalone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="249" />
        <source>the one-time code from the marketplace</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="251" />
        <source>Hub address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="252" />
        <source>One-time code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="264" />
        <source>Tax classes as CODE=RATE, separated by commas: standard=20, reduced=5.5</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="265" />
        <source>Prices include tax</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="268" />
        <source>e.g. 0.05 where coins stop at 5 cents; empty for none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="270" />
        <source>Event name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="271" />
        <source>Place</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="272" />
        <source>Till code on receipts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="273" />
        <source>Currency (ISO code)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="274" />
        <source>Locale for money and dates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="275" />
        <source>Tax classes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="277" />
        <source>Cash rounding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="303" />
        <source>Type the hub's address and the one-time code the marketplace gave you.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CountGrid</name>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="105" />
        <source>Counted: {0}</source>
        <translation>Gezählt: {0}</translation>
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
    <name>DonePage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="615" />
        <source>Ready to sell</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="616" />
        <source>Staff sign in with their PIN on the next screen.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="638" />
        <source>Event: {0} ({1})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="639" />
        <source>Till: {0} · {1} product(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="640" />
        <source>Staff: {0}</source>
        <translation type="unfinished">Person: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="641" />
        <source>Receipt printer: {0} {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="642" />
        <source>Cash float: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="646" />
        <source>No products yet: import the catalog with 'popup-pos catalog import FILE.csv', or sync once enrolled.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EventPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="163" />
        <source>Welcome to Pop-up POS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="164" />
        <source>A till sells at one event. Try the demo, or set up your own event.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="165" />
        <source>Try the demo event (a winter market with products, staff and PINs)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="166" />
        <source>Set up a real event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="193" />
        <source>This store is till {0} of '{1}' ({2}). A store belongs to one till: for another event, start Pop-up POS with another data folder.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EventReportView</name>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="165" />
        <location filename="../../app/ui/event_report_view.py" line="192" />
        <location filename="../../app/ui/event_report_view.py" line="206" />
        <location filename="../../app/ui/event_report_view.py" line="251" />
        <source>Sales</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="166" />
        <source>Items sold</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="167" />
        <source>Gross sales (before discounts)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="168" />
        <location filename="../../app/ui/event_report_view.py" line="218" />
        <source>Discounts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="169" />
        <source>Sales total</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="170" />
        <source>of which tax</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="171" />
        <source>Cash rounding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="172" />
        <location filename="../../app/ui/event_report_view.py" line="276" />
        <location filename="../../app/ui/event_report_view.py" line="285" />
        <location filename="../../app/ui/event_report_view.py" line="341" />
        <source>Returns</source>
        <translation>Rücknahmen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="173" />
        <source>Returned value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="174" />
        <source>Refunds paid</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="175" />
        <source>Net sales (after returns)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="176" />
        <source>Average sale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="192" />
        <source>Sales by hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="193" />
        <source>Sales by maker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="193" />
        <location filename="../../app/ui/event_report_view.py" line="217" />
        <location filename="../../app/ui/event_report_view.py" line="229" />
        <source>Revenue</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="205" />
        <source>Hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="207" />
        <location filename="../../app/ui/event_report_view.py" line="252" />
        <source>Total</source>
        <translation type="unfinished">Summe</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="213" />
        <source>SKU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="214" />
        <source>Product</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="215" />
        <location filename="../../app/ui/event_report_view.py" line="226" />
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="216" />
        <location filename="../../app/ui/event_report_view.py" line="228" />
        <location filename="../../app/ui/event_report_view.py" line="277" />
        <location filename="../../app/ui/event_report_view.py" line="286" />
        <source>Units</source>
        <translation>Stück</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="219" />
        <location filename="../../app/ui/event_report_view.py" line="231" />
        <source>Returned</source>
        <translation>Zurückgenommen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="220" />
        <location filename="../../app/ui/event_report_view.py" line="232" />
        <location filename="../../app/ui/event_report_view.py" line="242" />
        <source>Refunds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="227" />
        <location filename="../../app/ui/event_report_view.py" line="337" />
        <source>Products</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="230" />
        <source>Tax</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="233" />
        <location filename="../../app/ui/event_report_view.py" line="244" />
        <source>Net</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="239" />
        <source>Tender</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="240" />
        <source>Payments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="241" />
        <source>Taken</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="243" />
        <source>Refunded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="250" />
        <location filename="../../app/ui/event_report_view.py" line="340" />
        <source>Staff</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="253" />
        <source>Line discounts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="254" />
        <source>Cart discounts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="256" />
        <source>Price changes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="258" />
        <source>Lines sold at another price than the catalog's, and what that took off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="261" />
        <source>Approved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="263" />
        <source>Lines and carts of this person's sales that carry a manager's approval</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="266" />
        <source>Approvals</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="268" />
        <source>Approvals this person gave as the manager</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="275" />
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="278" />
        <location filename="../../app/ui/event_report_view.py" line="287" />
        <source>Refund</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="284" />
        <source>Disposition</source>
        <translation>Verbleib</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="293" />
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="294" />
        <source>Customer</source>
        <translation>Kundin/Kunde</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="295" />
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="296" />
        <source>Items left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="302" />
        <source>Clerk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="303" />
        <source>Handoffs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="304" />
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="320" />
        <source>By reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="322" />
        <source>By disposition</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="329" />
        <source>Still to collect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="331" />
        <source>Handed over, by clerk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="335" />
        <source>Overview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="336" />
        <source>By hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="338" />
        <source>Makers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="339" />
        <source>Tenders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="342" />
        <source>Pickups</source>
        <translation>Abholungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="357" />
        <source>{0}: event report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="358" />
        <source>Till {0} · times are this till's local time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="385" />
        <source>Others</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/event_report_view.py" line="402" />
        <source>Orders: {0} waiting, {1} partly collected, {2} collected, {3} cancelled. Items: {4} ordered, {5} handed over, {6} still to collect.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="660" />
        <source>Pop-up POS set-up</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FloatPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="570" />
        <source>Cash float</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="572" />
        <source>The coins and notes put in the drawer before the first sale; each cash session starts from it.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="103" />
        <location filename="../../app/ui/main_window.py" line="292" />
        <source>No cash session</source>
        <translation>Keine Kassensitzung</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="111" />
        <source>&amp;Till</source>
        <translation>&amp;Kasse</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="113" />
        <source>Sell</source>
        <translation>Verkaufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="114" />
        <source>Pickup desk</source>
        <translation>Abholtheke</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="115" />
        <source>Returns desk</source>
        <translation>Rücknahme</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="116" />
        <source>Cash, stock count, settlements, close</source>
        <translation>Kasse, Inventur, Abrechnungen, Abschluss</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="117" />
        <source>Sales and reprints</source>
        <translation>Verkäufe und Nachdrucke</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="118" />
        <source>Receipt printer</source>
        <translation>Belegdrucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="119" />
        <source>Sync with the marketplace</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="120" />
        <source>Open the cash drawer</source>
        <translation>Kassenschublade öffnen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="121" />
        <source>Customer display</source>
        <translation>Kundenanzeige</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="122" />
        <source>Lock / switch staff</source>
        <translation>Sperren / Person wechseln</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="128" />
        <source>Settings (first-run steps)…</source>
        <translation>Einstellungen (Ersteinrichtung)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="130" />
        <source>Dark style</source>
        <translation>Dunkles Design</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="156" />
        <location filename="../../app/ui/main_window.py" line="295" />
        <source>Pop-up POS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="169" />
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="176" />
        <source>Staff: {0}</source>
        <translation>Person: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="246" />
        <source>Standalone · {0} waiting to sync</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="248" />
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="248" />
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="249" />
        <source>{0} · {1} waiting to sync</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="288" />
        <source>{0} · till {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="372" />
        <source>Settings are for a manager: sign in as a manager.</source>
        <translation>Einstellungen sind Sache der Leitung: melden Sie sich als Leitung an.</translation>
    </message>
    <message>
        <source>Offline · {0} waiting to sync</source>
        <translation type="vanished">Offline · {0} warten auf Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="251" />
        <source> · {0} need attention</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="290" />
        <source>Event closed: read-only</source>
        <translation>Anlass abgeschlossen: nur lesen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="294" />
        <source>Cash session {0} ({1})</source>
        <translation>Kassensitzung {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="296" />
        <source>Pop-up POS: {0}, till {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="324" />
        <source>Receipt kept in the print queue: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="334" />
        <source>Receipt saved as {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ManagerPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="346" />
        <source>Manager sign-in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="347" />
        <source>Changing the till's settings is a manager's job.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="352" />
        <source>Manager</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="353" />
        <source>PIN</source>
        <translation type="unfinished">PIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="368" />
        <source>This till has no manager: add one with 'popup-pos staff add NAME --role manager'.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ManagerScreen</name>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="140" />
        <source>Cash session</source>
        <translation>Kassensitzung</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="141" />
        <source>Stock count</source>
        <translation>Inventur</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="142" />
        <source>Maker settlements</source>
        <translation>Abrechnungen der Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="143" />
        <source>Event report</source>
        <translation>Anlassbericht</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="144" />
        <location filename="../../app/ui/manager_screen.py" line="495" />
        <source>Close the event</source>
        <translation>Anlass abschliessen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="198" />
        <source>Open the session with this float</source>
        <translation>Sitzung mit diesem Wechselgeld eröffnen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="200" />
        <source>Count the float</source>
        <translation>Wechselgeld zählen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="206" />
        <source>Cash out (bank drop, petty cash)</source>
        <translation>Bargeld entnehmen (Bankeinzahlung, Kleinausgaben)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="207" />
        <source>Cash in (more change)</source>
        <translation>Bargeld einlegen (mehr Wechselgeld)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="209" />
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="211" />
        <source>Reason, e.g. bank drop</source>
        <translation>Grund, z. B. Bankeinzahlung</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="212" />
        <source>Record</source>
        <translation>Erfassen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="214" />
        <source>X report</source>
        <translation>X-Bericht</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="215" />
        <source>The session so far; nothing is counted or closed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="221" />
        <source>Close the session with this count</source>
        <translation>Sitzung mit dieser Zählung abschliessen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="223" />
        <source>A blind count: the expected amount shows only after the count</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="225" />
        <source>The open session</source>
        <translation>Die offene Sitzung</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="228" />
        <source>At the end: count the drawer by coins and notes</source>
        <translation>Zum Schluss: Schublade nach Münzen und Noten zählen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="234" />
        <source>Print this report</source>
        <translation>Diesen Bericht drucken</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="250" />
        <source>No cash session is open: count the float to open one.</source>
        <translation>Keine Kassensitzung offen: Wechselgeld zählen, um eine zu eröffnen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="253" />
        <source>Session {0}, opened {1} by {2} with {3}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="268" />
        <source>Cash session open: the till can sell.</source>
        <translation>Kassensitzung offen: die Kasse kann verkaufen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="290" />
        <source>Cash {0} of {1} recorded.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="307" />
        <source>over</source>
        <translation>Überschuss</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="307" />
        <source>short</source>
        <translation>Fehlbetrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="307" />
        <source>exact</source>
        <translation>genau</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="308" />
        <source>{0}: {1} {2}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="327" />
        <source>Start (or resume) a count</source>
        <translation>Inventur beginnen (oder fortsetzen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="331" />
        <source>Scan each item (adds one), or type CODE=QUANTITY</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="335" />
        <source>SKU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="335" />
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="335" />
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="335" />
        <source>Counted</source>
        <translation>Gezählt</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="335" />
        <source>Variance</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="340" />
        <source>Post the count (writes the adjustments)</source>
        <translation>Inventur buchen (schreibt die Korrekturen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="363" />
        <source>Start a count first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="369" />
        <source>Type CODE=QUANTITY with a whole number, e.g. ATE-001=12.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="394" />
        <source>Count posted: {0} product(s) adjusted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="404" />
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="405" />
        <source>Units</source>
        <translation>Stück</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="406" />
        <source>Revenue</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="407" />
        <source>Returns</source>
        <translation>Rücknahmen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="408" />
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="409" />
        <source>Commission</source>
        <translation>Provision</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="410" />
        <source>Payout</source>
        <translation>Auszahlung</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="417" />
        <source>Save one PDF statement per maker</source>
        <translation>Eine PDF-Abrechnung pro Hersteller speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="446" />
        <source>{0} statement(s) saved in {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="453" />
        <source>Save the report as PDF</source>
        <translation>Bericht als PDF speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="455" />
        <source>Export CSV (sales, lines, returns, movements)</source>
        <translation>CSV exportieren (Verkäufe, Zeilen, Rücknahmen, Bewegungen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="474" />
        <source>Report saved as {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="482" />
        <source>{0} CSV file(s) saved in {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="493" />
        <source>Mark the selected conflict reviewed…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="499" />
        <source>Close with the listed records unsynced</source>
        <translation>Mit den aufgeführten, nicht synchronisierten Datensätzen abschliessen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="502" />
        <source>Not acknowledged by the hub</source>
        <translation>Vom Hub nicht bestätigt</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="503" />
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="522" />
        <source>Every cash session closed</source>
        <translation>Jede Kassensitzung abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="523" />
        <source>A stock count posted</source>
        <translation>Eine Inventur gebucht</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="524" />
        <source>Every record acknowledged by the hub</source>
        <translation>Jeder Datensatz vom Hub bestätigt</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="525" />
        <source>Conflicts reviewed</source>
        <translation>Konflikte geprüft</translation>
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="529" />
        <source>The event was closed on {0}: its records are read-only.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="536" />
        <source>reviewed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="536" />
        <source>to review</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="545" />
        <source>Select a conflict in the list first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="547" />
        <source>Review the conflict</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="547" />
        <source>What was done about it?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/manager_screen.py" line="558" />
        <source>The event is closed: its records are read-only; reports still work.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="90" />
        <source>Scan the customer's pickup QR code</source>
        <translation>QR-Abholcode der Kundin scannen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="92" />
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="95" />
        <source>Read the QR code with the camera</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="103" />
        <source>No phone? Search by order number or customer name</source>
        <translation>Kein Telefon? Nach Bestellnummer oder Name suchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="121" />
        <location filename="../../app/ui/pickup_screen.py" line="154" />
        <location filename="../../app/ui/pickup_screen.py" line="182" />
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="122" />
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="123" />
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="124" />
        <source>Ordered</source>
        <translation>Bestellt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="125" />
        <location filename="../../app/ui/pickup_screen.py" line="234" />
        <source>Collected</source>
        <translation>Abgeholt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="126" />
        <location filename="../../app/ui/pickup_screen.py" line="139" />
        <source>Hand over</source>
        <translation>Übergeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="135" />
        <source>Print a pickup slip</source>
        <translation>Abholbeleg drucken</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="137" />
        <source>All</source>
        <translation>Alles</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="137" />
        <source>Hand over everything left (F7)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="139" />
        <source>Hand over the chosen items (F12)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="143" />
        <source>Hand over on a manager's approval</source>
        <translation>Mit Freigabe der Leitung übergeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="144" />
        <source>The order is genuine but not on this till yet: a manager checks it on the customer's phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="175" />
        <source>All pickups</source>
        <translation>Alle Abholungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="182" />
        <source>Customer</source>
        <translation>Kundin/Kunde</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="182" />
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="182" />
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="189" />
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="201" />
        <source>Desk</source>
        <translation>Theke</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="202" />
        <source>Pickups</source>
        <translation>Abholungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="207" />
        <source>Sell</source>
        <translation>Verkaufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="207" />
        <source>Back to the sell screen (Ctrl+S)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="208" />
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="208" />
        <source>Lock the till / switch staff (F11)</source>
        <translation type="unfinished">Kasse sperren / Person wechseln (F11)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="232" />
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="233" />
        <source>Partly collected</source>
        <translation>Teilweise abgeholt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="235" />
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="253" />
        <source>Scan a pickup code</source>
        <translation>Abholcode scannen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="295" />
        <source>Genuine code, order not on this till yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="320" />
        <source>No pickup order matches: check the spelling, or sync and search again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="342" />
        <source>{0} · {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="359" />
        <source>{0} handed over on {1} at till {2} by {3}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="388" />
        <source>Choose how many of each item to hand over (or press All).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="406" />
        <source>Handed over: {0} item(s) of order {1}.</source>
        <translation>Übergeben: {0} Artikel der Bestellung {1}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickup_screen.py" line="467" />
        <source>No camera (or no camera support) on this computer: use the scanner or search by name.</source>
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
    <name>PrinterPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="460" />
        <source>Receipt printer</source>
        <translation type="unfinished">Belegdrucker</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="463" />
        <source>A thermal printer on the network (port 9100) or a device file; receipts can always be saved as PDF.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="466" />
        <source>Network printer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="467" />
        <source>Device file (a USB or serial printer seen as a file)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="468" />
        <source>No printer for now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="483" />
        <source>Print a test page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="489" />
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="490" />
        <source>Port</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="492" />
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="494" />
        <source>Paper width</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="553" />
        <source>{0} The test page waits in the print queue.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="555" />
        <source>Test page sent: check that it printed, accents and QR code included.</source>
        <translation type="unfinished" />
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
    <name>ReturnsScreen</name>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="89" />
        <source>Scan the receipt's QR code (or a pickup code), or type the receipt number (A-000123)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="93" />
        <source>Date 2026-12-05</source>
        <translation>Datum 2026-12-05</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="95" />
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="97" />
        <source>Card reference</source>
        <translation>Kartenreferenz</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="98" />
        <source>Find sale</source>
        <translation>Verkauf suchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="100" />
        <source>Without receipt…</source>
        <translation>Ohne Beleg…</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="101" />
        <source>Take items back with no receipt: a manager approves, store credit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="117" />
        <location filename="../../app/ui/returns_screen.py" line="161" />
        <location filename="../../app/ui/returns_screen.py" line="167" />
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="118" />
        <location filename="../../app/ui/returns_screen.py" line="167" />
        <source>Maker</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="119" />
        <source>Sold</source>
        <translation>Verkauft</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="120" />
        <source>Returned</source>
        <translation>Zurückgenommen</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="121" />
        <location filename="../../app/ui/returns_screen.py" line="161" />
        <source>Return</source>
        <translation>Rücknahme</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="122" />
        <location filename="../../app/ui/returns_screen.py" line="161" />
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="123" />
        <location filename="../../app/ui/returns_screen.py" line="161" />
        <source>Disposition</source>
        <translation>Verbleib</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="131" />
        <source>Refund to the original payment</source>
        <translation>Erstattung auf die ursprüngliche Zahlung</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="132" />
        <source>Refund as store credit (voucher)</source>
        <translation>Erstattung als Guthaben (Gutschein)</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="135" />
        <source>Return and refund</source>
        <translation>Zurücknehmen und erstatten</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="138" />
        <source>Record the return and refund (F12)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="144" />
        <source>Sale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="161" />
        <source>Receipt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="167" />
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="167" />
        <source>Reasons</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="173" />
        <source>Returns, with their reasons and dispositions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="175" />
        <source>Quality holds per maker (for the makers' scorecards)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="179" />
        <source>Returns desk</source>
        <translation>Rücknahme</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="180" />
        <source>Returns and quality holds</source>
        <translation>Rücknahmen und Qualitätssperren</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="196" />
        <source>Scan a receipt</source>
        <translation>Beleg scannen</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="241" />
        <source>No sale matches: check the date and amount, or sync and search again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="256" />
        <source>Marketplace {0} (the marketplace refunds online)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="259" />
        <source>Receipt {0} · {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="267" />
        <source> · outside the return window: a manager approves</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="269" />
        <source>Sold {0} · paid {1}{2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="288" />
        <source>Back to stock</source>
        <translation>Zurück ins Lager</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="289" />
        <source>Quality hold</source>
        <translation>Qualitätssperre</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="290" />
        <source>Write off</source>
        <translation>Abschreiben</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="303" />
        <source>From the terminal's refund slip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="305" />
        <source>Card refund reference</source>
        <translation>Referenz der Kartenerstattung</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="328" />
        <source>Return without receipt</source>
        <translation>Rücknahme ohne Beleg</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="330" />
        <source>Scan each item the customer brings back. A manager approves; the refund is store credit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="391" />
        <source>Return {0} recorded: refund {1}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="393" />
        <source>Give {0} in cash from the drawer.</source>
        <translation>Geben Sie {0} bar aus der Schublade.</translation>
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="397" />
        <source>Store credit voucher {0}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/returns_screen.py" line="421" />
        <source>none</source>
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
        <location filename="../../app/ui/sell_screen.py" line="88" />
        <source>Scan a barcode, or type a name or SKU</source>
        <translation>Barcode scannen oder Name/Artikelnummer eingeben</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="117" />
        <source>One more of the selected line (F2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="118" />
        <source>One less of the selected line (F3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="119" />
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="119" />
        <source>Remove the selected line (Ctrl+Del)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="121" />
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="122" />
        <source>Discount the selected line: 10% or an amount (F4)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="127" />
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="128" />
        <source>Change the selected line's price (manager) (F5)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="144" />
        <source>Pay</source>
        <translation>Bezahlen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="144" />
        <source>Take payment (F12)</source>
        <translation>Zahlung annehmen (F12)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="149" />
        <source>Park</source>
        <translation>Parken</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="149" />
        <source>Set this cart aside (F6)</source>
        <translation>Diesen Warenkorb beiseitelegen (F6)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="152" />
        <source>Recall</source>
        <translation>Zurückholen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="152" />
        <source>Bring back a parked cart (F7)</source>
        <translation>Geparkten Warenkorb zurückholen (F7)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="157" />
        <source>Void</source>
        <translation>Stornieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="157" />
        <source>Throw this cart away, audited (F8)</source>
        <translation>Warenkorb verwerfen, protokolliert (F8)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="163" />
        <location filename="../../app/ui/sell_screen.py" line="449" />
        <source>Cart discount</source>
        <translation>Warenkorbrabatt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="163" />
        <source>Discount the whole cart (F9)</source>
        <translation>Rabatt auf den ganzen Warenkorb (F9)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="170" />
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="170" />
        <source>Lock the till / switch staff (F11)</source>
        <translation>Kasse sperren / Person wechseln (F11)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="228" />
        <source>{0} item(s) · tax {1} · discounts {2}</source>
        <translation>{0} Artikel · MWST {1} · Rabatte {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="358" />
        <source>Select a line in the cart first.</source>
        <translation>Wählen Sie zuerst eine Zeile im Warenkorb.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="422" />
        <source>Line discount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="422" />
        <source>Discount, e.g. 10% or 5.00 (empty removes it):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="431" />
        <source>Change price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="431" />
        <source>New unit price (empty: catalog price):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="449" />
        <source>Discount on the whole cart, e.g. 10% or 5.00:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="471" />
        <source>The cart is empty: there is nothing to park.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="473" />
        <source>Park cart</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="473" />
        <source>A name to find it again (optional):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="487" />
        <source>No parked carts.</source>
        <translation>Keine geparkten Warenkörbe.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="492" />
        <source>Recall a cart</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="492" />
        <source>Parked carts:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="506" />
        <source>Void cart</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="506" />
        <source>Why is this cart voided?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="545" />
        <source>Open the cash drawer</source>
        <translation>Kassenschublade öffnen</translation>
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="545" />
        <source>Why is the drawer opened?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sell_screen.py" line="557" />
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
    <name>StaffPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="383" />
        <source>Staff</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="386" />
        <source>Everyone who works the till signs in with their own PIN (4 to 8 digits). The first person is a manager, who can later approve discounts, voids and refunds.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="398" />
        <source>Add</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="401" />
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="402" />
        <source>Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="403" />
        <source>PIN</source>
        <translation type="unfinished">PIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="404" />
        <source>PIN again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="424" />
        <source>manager</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="424" />
        <source>cashier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="424" />
        <source>pickup clerk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="432" />
        <source>The two PINs differ: type the PIN again in both fields.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="26" />
        <source>Sync with the marketplace</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="32" />
        <source>Sync now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="35" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="43" />
        <source>Records needing attention (kept on the till):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="45" />
        <source>Conflicts the hub raised (recorded, for the manager):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="51" />
        <source>Standalone: this till is not enrolled with a hub (popup-pos enroll URL CODE).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="53" />
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="53" />
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="53" />
        <source>Not tried yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="57" />
        <source>Last success: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="58" />
        <source>Waiting: {0} record(s), oldest {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/sync_dialog.py" line="63" />
        <source>Last problem: {0}</source>
        <translation type="unfinished" />
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