// FreeAgent's documented example answers, as mapper tests read them. The values quoted from the
// docs are FreeAgent's (our copies of the pages cut the examples short); the rest of each object
// is filled in from the attributes the same page documents, marked below.
// Sources: https://dev.freeagent.com/docs/bank_transactions, .../bank_transaction_explanations,
// .../transactions, .../invoices, .../categories, .../company.

/** https://dev.freeagent.com/docs/bank_transactions ("List all bank transactions under a certain bank account", Response). */
export const BANK_TRANSACTIONS_ANSWER = `{ "bank_transactions":[
  {
    "url":"https://api.freeagent.com/v2/bank_transactions/8",
    "amount":"-730.0",
    "bank_account":"https://api.freeagent.com/v2/bank_accounts/1",
    "dated_on":"2010-05-01",
    "description":".Reichert, Kautzer and Schultz/.harness end-to-end e-markets",
    "full_description":".Reichert, Kautzer and Schultz/.harness end-to-end e-markets/2010-05-01",
    "uploaded_at":"2015-11-17T18:16:00.199Z",
    "unexplained_amount":"0.0",
    "is_manual":false,
    "transaction_id":null,
    "created_at":"2015-11-17T18:16:00.199Z",
    "updated_at":"2015-11-17T18:16:00.199Z",
    "matching_transactions_count":0,
    "bank_transaction_explanations":[
      {
        "url":"https://api.freeagent.com/v2/bank_transaction_explanations/9",
        "bank_account":"https://api.freeagent.com/v2/bank_accounts/1",
        "bank_transaction":"https://api.freeagent.com/v2/bank_transactions/8",
        "type":"Payment",
        "dated_on":"2010-05-01",
        "description":null,
        "gross_value":"-730.0",
        "sales_tax_status":"OUT_OF_SCOPE",
        "category":"https://api.freeagent.com/v2/categories/285",
        "marked_for_review":false,
        "is_money_in":false,
        "created_at":"2015-11-17T18:16:00.199Z",
        "updated_at":"2015-11-17T18:16:00.199Z"
      }
    ]
  },
  {
    "url":"https://api.freeagent.com/v2/bank_transactions/9",
    "amount":"1234.56",
    "bank_account":"https://api.freeagent.com/v2/bank_accounts/1",
    "dated_on":"2010-05-03",
    "description":null,
    "unexplained_amount":"1234.56",
    "is_manual":true,
    "created_at":"2015-11-18T09:00:00.000Z",
    "updated_at":"2015-11-18T09:00:00.000Z"
  }
]}`;

/** https://dev.freeagent.com/docs/transactions ("List all transactions", Response: url and dated_on quoted; credits negative as documented). */
export const ACCOUNTING_TRANSACTIONS_ANSWER = `{
    "transactions": [
        {
            "url": "https://api.freeagent.com/v2/accounting/transactions/1",
            "dated_on": "2023-01-02",
            "created_at": "2023-01-02T10:00:00.000Z",
            "updated_at": "2023-01-02T10:00:00.000Z",
            "description": "Invoice INV-001",
            "category": "https://api.freeagent.com/v2/categories/001",
            "category_name": "Sales",
            "nominal_code": "001",
            "debit_value": "-730.0",
            "source_item_url": "https://api.freeagent.com/v2/invoices/1"
        },
        {
            "url": "https://api.freeagent.com/v2/accounting/transactions/2",
            "dated_on": "2023-01-02",
            "created_at": "2023-01-02T10:00:00.000Z",
            "updated_at": "2023-01-02T10:00:00.000Z",
            "description": "Manual journal",
            "category": "https://api.freeagent.com/v2/categories/814",
            "category_name": "Loan Repayments",
            "nominal_code": "814",
            "debit_value": "12.5"
        }
    ]
}`;

/** https://dev.freeagent.com/docs/invoices (attributes; `nested_invoice_items=true` lists them with their items). A credit note is negative. */
export const INVOICES_ANSWER = `{ "invoices": [
  {
    "url": "https://api.freeagent.com/v2/invoices/1",
    "contact": "https://api.freeagent.com/v2/contacts/1",
    "dated_on": "2011-08-29",
    "due_on": "2011-09-28",
    "reference": "001",
    "currency": "GBP",
    "exchange_rate": "1.0",
    "net_value": "-100.0",
    "sales_tax_value": "-20.0",
    "total_value": "-120.0",
    "paid_value": "0.0",
    "due_value": "-120.0",
    "status": "Open",
    "created_at": "2011-08-29T00:00:00Z",
    "updated_at": "2011-08-29T00:00:00Z",
    "invoice_items": [
      { "url": "https://api.freeagent.com/v2/invoice_items/1", "position": 1, "description": "Refunded goods", "item_type": "Products", "price": "-50.0", "quantity": "2.0", "category": "https://api.freeagent.com/v2/categories/001", "sales_tax_rate": "20.0" },
      { "url": "https://api.freeagent.com/v2/invoice_items/2", "position": 2, "description": "Comment", "item_type": "Comment", "price": null, "quantity": null }
    ]
  }
]}`;

/** https://dev.freeagent.com/docs/categories (the four groups; a group the company has none of may be absent). */
export const CATEGORIES_ANSWER = `{
  "admin_expenses_categories": [
    { "url": "https://api.freeagent.com/v2/categories/285", "description": "Accommodation and Meals", "nominal_code": "285", "allowable_for_tax": true, "tax_reporting_name": "Travel and subsistence" }
  ],
  "income_categories": [
    { "url": "https://api.freeagent.com/v2/categories/001", "description": "Sales", "nominal_code": "001" }
  ]
}`;
