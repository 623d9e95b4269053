"""What casekit reads from a client's files: the fields, their aliases, the defaults for what is missing.

Every field has a kind (``lines``, ``customers``, ``products``), a type and a
meaning (:data:`FIELDS`); client headers are recognised through aliases
(:func:`suggest_for_headers`), client words for order channels and pick
types through :data:`ORDER_CHANNEL_ALIASES` and :data:`PICK_TYPE_ALIASES`,
and a field the client lacks takes the documented default of :data:`DEFAULTS`.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["FIELDS", "OPTIONS", "DEFAULTS", "DEFAULT_COGS_SHARE", "ORDER_CHANNEL_ALIASES", "PICK_TYPE_ALIASES",
           "REQUIRED", "normalize_header", "fields", "field_type", "known_headers", "suggest_for_headers"]

# kind, field, required, type, meaning.  "required" may name a group: one of
# the fields of the group is required (net_amount or invoice_price).
_FIELD_ROWS = [
    ("lines", "customer_id", "yes", "id", "Account (sold-to) the line was invoiced to."),
    ("lines", "product_id", "yes", "id", "SKU / material number."),
    ("lines", "date", "yes", "date", "Invoice or order date."),
    ("lines", "quantity", "yes", "number", "Cases shipped (negative on a return line flagged by is_return)."),
    ("lines", "net_amount", "amount", "number", "Invoiced value of the line (after on-invoice discounts)."),
    ("lines", "invoice_price", "amount", "number", "Invoiced price per case (used when there is no net_amount)."),
    ("lines", "gross_amount", "", "number", "Line value at list price (before on-invoice discounts)."),
    ("lines", "list_price", "", "number", "List price per case."),
    ("lines", "allowance_amount", "", "number", "Off-invoice allowances and rebates paid on the line."),
    ("lines", "cost_amount", "", "number", "Cost of goods sold of the line."),
    ("lines", "order_id", "", "id", "Order or invoice number."),
    ("lines", "order_channel", "", "text", "How the order came in (EDI, web/portal, phone/fax, rep)."),
    ("lines", "delivery_id", "", "id", "Shipment / delivery number."),
    ("lines", "ship_to", "", "id", "Delivery address (ship-to) of the line."),
    ("lines", "rush", "", "flag", "Expedited order (Y/N, 1/0, true/false)."),
    ("lines", "is_return", "", "flag", "Return / credit note (then a negative quantity is allowed)."),
    ("lines", "currency", "", "text", "Currency of the amounts; one currency per run."),
    ("lines", "customer_name", "", "text", "Account name."),
    ("lines", "product_name", "", "text", "Product description."),
    ("customers", "customer_id", "yes", "id", "Account key, as on the invoice lines."),
    ("customers", "customer_name", "", "text", "Account name."),
    ("customers", "channel_of_trade", "", "text", "Channel of trade (grocery, club, drug, ...)."),
    ("customers", "region", "", "text", "Sales region."),
    ("customers", "rep_id", "", "id", "Sales rep or account manager."),
    ("customers", "order_channel", "", "text", "How the account usually orders (used when lines lack it)."),
    ("customers", "distance_km", "", "number", "Road distance from the warehouse, km."),
    ("customers", "payment_terms_days", "", "number", "Payment terms or days sales outstanding."),
    ("customers", "sales_calls_per_year", "", "number", "Field sales calls a year."),
    ("products", "product_id", "yes", "id", "SKU key, as on the invoice lines."),
    ("products", "product_name", "", "text", "Description."),
    ("products", "brand", "", "text", "Brand."),
    ("products", "category", "", "text", "Category."),
    ("products", "pick_type", "", "text", "How it is picked: full pallet, full case, split case (each)."),
    ("products", "cogs_per_case", "", "number", "Cost of goods sold per case."),
    ("products", "days_of_supply", "", "number", "Inventory held, in days of sales."),
]

FIELDS = pd.DataFrame(_FIELD_ROWS, columns=["kind", "field", "required", "type", "meaning"])
"""Every field casekit reads from a client file (``required``: yes, or the group of which one is needed)."""

OPTIONS = ("sheet", "decimal", "encoding", "delimiter", "date_format")
"""Reading options a mapping section may carry besides field names."""

# What casekit assumes when the client has no column for a field: value and
# reason.  Each assumption used is listed in the reconciliation.
DEFAULTS = pd.DataFrame(
    [
        ("lines", "order_id", "customer + date", "one order per account per day"),
        ("lines", "delivery_id", "customer + ship-to + date", "one drop per account (ship-to) per day"),
        ("lines", "gross_amount", "net amount", "no on-invoice discount known: list price = invoice price"),
        ("lines", "allowance_amount", "0", "no off-invoice allowances known"),
        ("lines", "rush", "False", "no order is expedited"),
        ("lines", "is_return", "False", "no line is a return; a negative quantity is an error"),
        ("lines", "order_channel", "EDI", "cheapest channel, so cost to serve is not overstated"),
        ("customers", "channel_of_trade", "unknown", "no customer master"),
        ("customers", "region", "unknown", "no customer master"),
        ("customers", "rep_id", "unknown", "no customer master"),
        ("customers", "distance_km", "90", "median distance of the classroom case (lognormal around 90 km)"),
        ("customers", "payment_terms_days", "30", "common net-30 terms"),
        ("customers", "sales_calls_per_year", "0", "no field calls known, so cost to serve is not overstated"),
        ("products", "brand", "unknown", "no product master"),
        ("products", "category", "unknown", "no product master"),
        ("products", "pick_type", "full_case", "the most common pick in consumer goods"),
        ("products", "cogs_per_case", "52 % of the invoice price",
         "a branded consumer-goods maker's cost of goods (the case: 49 % of list, 51-53 % of the invoice "
         "price, gross margin 35-45 % of net sales, calibration.md); map a cost column"),
        ("products", "days_of_supply", "30", "a month of cover"),
    ],
    columns=["kind", "field", "default", "reason"],
)
"""Defaults for fields the client lacks, with the reason for each."""

DEFAULT_COGS_SHARE = 0.52

# Normalised header names that suggest each field (see normalize_header).
_ALIASES = {
    "customer_id": ["customerid", "customer", "customerno", "customernumber", "custno", "custid", "soldto",
                    "soldtoparty", "account", "accountno", "accountid", "client", "clientid", "kunde",
                    "kundennr", "debitor", "customercode", "custnumber", "buyer"],
    "product_id": ["productid", "product", "productno", "sku", "skuno", "material", "materialno", "item",
                   "itemno", "itemnumber", "itemcode", "article", "artikel", "artikelnr", "productcode", "upc",
                   "ean", "partno"],
    "date": ["date", "invoicedate", "invdate", "orderdate", "documentdate", "billingdate", "postingdate",
             "datum", "shipdate", "transactiondate"],
    "quantity": ["quantity", "qty", "cases", "qtycases", "quantitycases", "units", "menge", "volume",
                 "shippedqty", "qtyshipped", "invoicedqty", "casesshipped", "billedqty", "billedquantity",
                 "billingqty", "fkimg"],
    "net_amount": ["netamount", "netvalue", "netsales", "net", "amount", "linevalue", "lineamount",
                   "invoiceamount", "revenue", "sales", "salesvalue", "nettowert", "umsatz", "extendedprice",
                   "netrevenue", "invoicevalue"],
    "invoice_price": ["invoiceprice", "unitprice", "netprice", "price", "priceperunit", "pricepercase",
                      "nettopreis", "sellingprice"],
    "gross_amount": ["grossamount", "grossvalue", "grosssales", "listvalue", "bruttowert", "gross"],
    "list_price": ["listprice", "pricelist", "listpricepercase", "grossprice", "listenpreis"],
    "allowance_amount": ["allowance", "allowances", "offinvoiceallowance", "offinvoice", "rebate", "rebates",
                         "promoallowance", "tradeallowance", "bonus"],
    "cost_amount": ["cost", "costamount", "cogs", "stdcost", "standardcost", "costofgoods", "costvalue",
                    "linecost"],
    "order_id": ["orderid", "order", "orderno", "ordernumber", "invoice", "invoiceno", "invoicenumber",
                 "invno", "documentno", "docno", "billingdocument", "billingdoc", "belegnr", "rechnungsnr"],
    "order_channel": ["orderchannel", "channel", "ordertype", "ordersource", "ordermethod", "entrymethod",
                      "ordervia", "source"],
    "delivery_id": ["deliveryid", "delivery", "deliveryno", "shipment", "shipmentno", "shipmentid",
                    "lieferschein", "deliverynote"],
    "ship_to": ["shipto", "shiptoparty", "shiptoid", "deliveryaddress", "shiptoaddress", "warenempfaenger"],
    "rush": ["rush", "express", "expedited", "urgent", "rushorder", "priority", "eilauftrag"],
    "is_return": ["isreturn", "return", "returns", "returnflag", "credit", "creditnote", "doctype",
                  "documenttype", "billingtype", "retoure"],
    "currency": ["currency", "curr", "ccy", "currencycode", "waehrung"],
    "customer_name": ["customername", "name", "name1", "accountname", "clientname", "soldtoname", "kundenname"],
    "product_name": ["productname", "description", "itemdescription", "materialdescription", "productdescription",
                     "skudescription", "bezeichnung"],
    "channel_of_trade": ["channeloftrade", "tradechannel", "channel", "segment", "customergroup", "classoftrade"],
    "region": ["region", "salesregion", "area", "territory", "district", "gebiet"],
    "rep_id": ["repid", "rep", "salesrep", "accountmanager", "salesperson", "keyaccountmanager", "vertreter"],
    "distance_km": ["distancekm", "distance", "km", "drivekm", "miles"],
    "payment_terms_days": ["paymenttermsdays", "paymentterms", "terms", "termsdays", "dso", "zahlungsziel"],
    "sales_calls_per_year": ["salescallsperyear", "callsperyear", "visitsperyear", "salescalls", "calls",
                             "visits"],
    "brand": ["brand", "marke"],
    "category": ["category", "productcategory", "productgroup", "materialgroup", "warengruppe"],
    "pick_type": ["picktype", "pick", "handling", "handlingunit", "picking", "pickmethod"],
    "cogs_per_case": ["cogspercase", "costpercase", "unitcost", "standardcost", "stdcost", "cogs", "cost"],
    "days_of_supply": ["daysofsupply", "dayscover", "daysofcover", "dayssupply", "coverage", "reichweite"],
}


def normalize_header(name) -> str:
    """Reduce a header to lower-case letters and digits: ``'Qty (Cases)'`` -> ``'qtycases'``.

    Examples
    --------
    >>> normalize_header(" Sold-To Party ")
    'soldtoparty'
    """
    return re.sub(r"[^0-9a-z]+", "", str(name).lower().replace("ä", "ae").replace("ö", "oe")
                  .replace("ü", "ue").replace("ß", "ss"))


def fields(kind: str) -> list[str]:
    """Return the casekit fields of one file kind, in the order of :data:`FIELDS`.

    Parameters
    ----------
    kind : {"lines", "customers", "products"}
        The file kind.

    Returns
    -------
    list of str
        Field names (empty for an unknown kind).

    Examples
    --------
    >>> fields("lines")[:4]
    ['customer_id', 'product_id', 'date', 'quantity']
    >>> "customer_id" in fields("customers")
    True
    """
    return FIELDS.loc[FIELDS["kind"] == kind, "field"].tolist()


def field_type(kind: str, field: str) -> str:
    """Return the type (id, text, number, date, flag) of one field.

    Parameters
    ----------
    kind : {"lines", "customers", "products"}
        The file kind.
    field : str
        A field of that kind (see :func:`fields`).

    Returns
    -------
    str
        ``"id"``, ``"text"``, ``"number"``, ``"date"`` or ``"flag"``.

    Examples
    --------
    >>> field_type("lines", "quantity"), field_type("lines", "date"), field_type("lines", "rush")
    ('number', 'date', 'flag')
    """
    return str(FIELDS.loc[(FIELDS["kind"] == kind) & (FIELDS["field"] == field), "type"].iloc[0])


def known_headers(kind: str) -> set[str]:
    """Return the normalised header names recognised for a file kind.

    Parameters
    ----------
    kind : {"lines", "customers", "products"}
        The file kind.

    Returns
    -------
    set of str
        Every alias of every field of ``kind``, plus the field names
        themselves, as :func:`normalize_header` writes them.

    Examples
    --------
    >>> h = known_headers("lines")
    >>> "qty" in h, "soldto" in h, normalize_header("Qty (cases)") in h
    (True, True, True)
    """
    out = set()
    for f in fields(kind):
        out.update(_ALIASES.get(f, []))
        out.add(normalize_header(f))
    return out


def suggest_for_headers(headers, kind: str = "lines") -> dict:
    """Propose a mapping {casekit field: client header} from a list of headers.

    Exact aliases win; each header is used once, fields in the order of
    :data:`FIELDS`.

    Examples
    --------
    >>> suggest_for_headers(["Sold-To", "Material", "Inv Date", "Qty", "Net Value"])  # doctest: +NORMALIZE_WHITESPACE
    {'customer_id': 'Sold-To', 'product_id': 'Material', 'date': 'Inv Date', 'quantity': 'Qty',
     'net_amount': 'Net Value'}
    """
    if kind not in ("lines", "customers", "products"):
        raise ValueError(f"kind={kind!r}: use 'lines', 'customers' or 'products'.")
    norm = {}
    for h in headers:
        if h is None or str(h).strip() == "":
            continue
        norm.setdefault(normalize_header(h), str(h))
    used, out = set(), {}
    for f in fields(kind):
        for alias in [normalize_header(f)] + _ALIASES.get(f, []):
            h = norm.get(alias)
            if h is not None and h not in used:
                out[f] = h
                used.add(h)
                break
    return out


ORDER_CHANNEL_ALIASES = {
    "edi": "EDI", "edifact": "EDI", "x12": "EDI", "electronic": "EDI",
    "portal": "portal", "web": "portal", "webshop": "portal", "online": "portal", "internet": "portal",
    "e-commerce": "portal", "ecommerce": "portal", "b2b portal": "portal", "app": "portal",
    "phone/fax": "phone/fax", "phone": "phone/fax", "fax": "phone/fax", "telephone": "phone/fax", "tel": "phone/fax",
    "email": "phone/fax", "e-mail": "phone/fax", "mail": "phone/fax", "call center": "phone/fax",
    "telesales": "phone/fax", "manual": "phone/fax",
    "rep-taken": "rep-taken", "rep": "rep-taken", "sales rep": "rep-taken", "field": "rep-taken",
    "field sales": "rep-taken", "salesman": "rep-taken", "rep taken": "rep-taken", "visit": "rep-taken",
}
"""Client words for how an order came in, and the casekit order channel each means."""

PICK_TYPE_ALIASES = {
    "full_pallet": "full_pallet", "pallet": "full_pallet", "full pallet": "full_pallet", "pal": "full_pallet",
    "full_case": "full_case", "case": "full_case", "full case": "full_case", "carton": "full_case", "cs": "full_case",
    "split_case": "split_case", "split case": "split_case", "each": "split_case", "piece": "split_case",
    "pieces": "split_case", "ea": "split_case", "split": "split_case", "broken case": "split_case",
    "unit": "split_case",
}
"""Client words for how a product is picked, and the casekit pick type each means."""

REQUIRED = ["customer_id", "product_id", "date", "quantity"]
"""Fields every invoice line needs (besides an amount: net_amount or invoice_price)."""
