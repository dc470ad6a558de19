//! Queries on the extracted data: `data_records` (accounts, cards, …) and
//! `data_transactions` (every kind of transaction).
//!
//! Transactions are numbered per (credential, product) in (operation date,
//! id) order — `seq`, and `parent_seq` within one account, card, … — so a
//! page is an index range whatever its number: page 500 costs what page 1
//! costs. Numbers are rewritten only where they change, in the same
//! transaction as the extraction that changed them.

use chrono::NaiveDate;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement, TransactionTrait,
};
use uuid::Uuid;

use super::entities::{data_record, data_transaction};

/// Rows per multi-row INSERT (well under SQLite's bind-parameter limit).
const CHUNK: usize = 500;

/// A record to store.
#[derive(Debug, Clone)]
pub struct NewRecord {
    pub id: String,
    pub parent_id: Option<String>,
    /// Flanks-shaped JSON.
    pub data: String,
}

/// A transaction to store.
#[derive(Debug, Clone)]
pub struct NewTransaction {
    pub id: String,
    pub parent_id: String,
    pub operation_date: NaiveDate,
    pub data: String,
}

/// Replaces the credential's records of one product with `records` (ids
/// are stable, so the same bank record keeps its id).
pub async fn replace_records(
    db: &impl ConnectionTrait,
    credential_id: Uuid,
    product: &str,
    records: Vec<NewRecord>,
) -> Result<(), DbErr> {
    data_record::Entity::delete_many()
        .filter(data_record::Column::CredentialId.eq(credential_id))
        .filter(data_record::Column::Product.eq(product))
        .exec(db)
        .await?;
    let models: Vec<data_record::ActiveModel> = records
        .into_iter()
        .enumerate()
        .map(|(i, r)| data_record::ActiveModel {
            id: Set(r.id),
            credential_id: Set(credential_id),
            product: Set(product.to_owned()),
            parent_id: Set(r.parent_id),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            data: Set(r.data),
        })
        .collect();
    for chunk in models.chunks(CHUNK) {
        data_record::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Inserts new transactions and updates known ones (by id), then numbers
/// them. A refresh never duplicates a transaction.
pub async fn upsert_transactions(
    db: &impl ConnectionTrait,
    credential_id: Uuid,
    product: &str,
    transactions: Vec<NewTransaction>,
) -> Result<(), DbErr> {
    let models: Vec<data_transaction::ActiveModel> = transactions
        .into_iter()
        .map(|t| data_transaction::ActiveModel {
            id: Set(t.id),
            credential_id: Set(credential_id),
            product: Set(product.to_owned()),
            parent_id: Set(t.parent_id),
            operation_date: Set(t.operation_date),
            seq: Set(-1),
            parent_seq: Set(-1),
            data: Set(t.data),
        })
        .collect();
    for chunk in models.chunks(CHUNK) {
        data_transaction::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::column(data_transaction::Column::Id)
                    .update_columns([
                        data_transaction::Column::Data,
                        data_transaction::Column::OperationDate,
                        data_transaction::Column::ParentId,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    renumber(db, credential_id, product).await
}

/// Rewrites `seq` and `parent_seq` where they changed.
async fn renumber(
    db: &impl ConnectionTrait,
    credential_id: Uuid,
    product: &str,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let (credential, product_param) = match backend {
        DbBackend::Postgres => ("$1", "$2"),
        _ => ("?", "?"),
    };
    let sql = format!(
        "UPDATE data_transactions SET seq = r.rn - 1, parent_seq = r.prn - 1 \
         FROM (SELECT id, \
                 ROW_NUMBER() OVER (ORDER BY operation_date, id) AS rn, \
                 ROW_NUMBER() OVER (PARTITION BY parent_id ORDER BY operation_date, id) AS prn \
               FROM data_transactions WHERE credential_id = {credential} AND product = {product_param}) AS r \
         WHERE data_transactions.id = r.id \
           AND (data_transactions.seq <> r.rn - 1 OR data_transactions.parent_seq <> r.prn - 1)"
    );
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [credential_id.into(), product.into()],
    ))
    .await?;
    Ok(())
}

/// The credential's records of one product, in the bank's order, as JSON:
/// optionally only the one with `id`, or those under `parent_id`.
pub async fn records(
    db: &impl ConnectionTrait,
    credential_id: Uuid,
    product: &str,
    id: Option<&str>,
    parent_id: Option<&str>,
) -> Result<Vec<String>, DbErr> {
    let mut query = data_record::Entity::find()
        .filter(data_record::Column::CredentialId.eq(credential_id))
        .filter(data_record::Column::Product.eq(product));
    if let Some(id) = id {
        query = query.filter(data_record::Column::Id.eq(id));
    }
    if let Some(parent_id) = parent_id {
        query = query.filter(data_record::Column::ParentId.eq(parent_id));
    }
    Ok(query
        .order_by_asc(data_record::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.data)
        .collect())
}

/// Which transactions a page is taken from.
#[derive(Debug, Clone, Copy, Default)]
pub struct TransactionFilter<'a> {
    pub parent_id: Option<&'a str>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One page of transactions, newest first, and how many match in all.
#[derive(Debug, Clone, Default)]
pub struct TransactionPage {
    pub items: Vec<String>,
    pub total: u64,
}

fn in_product(
    credential_id: Uuid,
    product: &str,
    parent_id: Option<&str>,
) -> sea_orm::Select<data_transaction::Entity> {
    let mut query = data_transaction::Entity::find()
        .filter(data_transaction::Column::CredentialId.eq(credential_id))
        .filter(data_transaction::Column::Product.eq(product));
    if let Some(parent_id) = parent_id {
        query = query.filter(data_transaction::Column::ParentId.eq(parent_id));
    }
    query
}

/// Page `page` (1-based) of `page_size` transactions, newest first.
///
/// Keyset underneath: the numbers of the newest and the oldest matching
/// transactions are found through the date index, the page is the range
/// of numbers below the newest, and the total is their difference — so
/// neither the page number nor the size of the range changes the cost.
/// One read transaction, so an extraction renumbering meanwhile cannot
/// shift the page.
pub async fn transactions_page(
    db: &DatabaseConnection,
    credential_id: Uuid,
    product: &str,
    filter: TransactionFilter<'_>,
    page: u64,
    page_size: u64,
) -> Result<TransactionPage, DbErr> {
    let txn = db.begin().await?;
    let result = page_in(&txn, credential_id, product, filter, page, page_size).await;
    txn.commit().await?;
    result
}

async fn page_in(
    db: &impl ConnectionTrait,
    credential_id: Uuid,
    product: &str,
    filter: TransactionFilter<'_>,
    page: u64,
    page_size: u64,
) -> Result<TransactionPage, DbErr> {
    let empty = TransactionPage::default();
    let by_parent = filter.parent_id.is_some();
    let (key, key_of): (_, fn(&data_transaction::Model) -> i64) = if by_parent {
        (data_transaction::Column::ParentSeq, |t| t.parent_seq)
    } else {
        (data_transaction::Column::Seq, |t| t.seq)
    };
    let mut newest = in_product(credential_id, product, filter.parent_id);
    if let Some(to) = filter.to {
        newest = newest.filter(data_transaction::Column::OperationDate.lte(to));
    }
    let Some(newest) = newest
        .order_by_desc(data_transaction::Column::OperationDate)
        .order_by_desc(data_transaction::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(empty);
    };
    let top = key_of(&newest);
    let low = match filter.from {
        Some(from) => {
            let oldest = in_product(credential_id, product, filter.parent_id)
                .filter(data_transaction::Column::OperationDate.gte(from))
                .order_by_asc(data_transaction::Column::OperationDate)
                .order_by_asc(data_transaction::Column::Id)
                .one(db)
                .await?;
            match oldest {
                Some(oldest) => key_of(&oldest),
                None => return Ok(empty),
            }
        }
        // Numbers start at 0 in every product and parent.
        None => 0,
    };
    if low > top {
        return Ok(empty);
    }
    let total = u64::try_from(top - low + 1).unwrap_or(0);
    let skip = i64::try_from(page.saturating_sub(1).saturating_mul(page_size)).unwrap_or(i64::MAX);
    let start = top.saturating_sub(skip);
    if start < low {
        return Ok(TransactionPage {
            items: vec![],
            total,
        });
    }
    let items = in_product(credential_id, product, filter.parent_id)
        .filter(key.lte(start))
        .filter(key.gte(low))
        .order_by_desc(key)
        .limit(page_size)
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.data)
        .collect();
    Ok(TransactionPage { items, total })
}
