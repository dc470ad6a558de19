//! The credential lifecycle and its data: extraction scheduling and leases
//! on `credentials`, re-authorisation tokens, the extracted records and
//! transactions, and the re-authorisation a widget SCA step belongs to.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Credentials {
    Table,
    Id,
    Status,
    CreatedAt,
    NextExtractionAt,
    ExtractionAttempts,
    LeaseId,
    LeaseUntil,
    LastExtractedAt,
    LastExtractionSecs,
    HistoryFrom,
    ExtractFrom,
    OlderHistoryFrom,
    ProductsCreated,
    ProductsErrored,
    LastError,
}

#[derive(DeriveIden)]
enum CredentialTokens {
    Table,
    Id,
    CredentialId,
    Kind,
    TokenHash,
    TokenEncrypted,
    Attempts,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DataRecords {
    Table,
    Id,
    CredentialId,
    Product,
    ParentId,
    Position,
    Data,
}

#[derive(DeriveIden)]
enum DataTransactions {
    Table,
    Id,
    CredentialId,
    Product,
    ParentId,
    OperationDate,
    Seq,
    ParentSeq,
    Data,
}

#[derive(DeriveIden)]
enum LinkFlows {
    Table,
    CredentialTokenId,
}

fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn nullable_timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn credential_fk(from: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(Credentials::Table, Credentials::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn index(name: &str, table: impl IntoIden, cols: Vec<DynIden>) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for col in cols {
        index.col(col);
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        let columns = [
            nullable_timestamp(Credentials::NextExtractionAt),
            ColumnDef::new(Credentials::ExtractionAttempts)
                .integer()
                .not_null()
                .default(0)
                .to_owned(),
            ColumnDef::new(Credentials::LeaseId)
                .uuid()
                .null()
                .to_owned(),
            nullable_timestamp(Credentials::LeaseUntil),
            nullable_timestamp(Credentials::LastExtractedAt),
            ColumnDef::new(Credentials::LastExtractionSecs)
                .double()
                .null()
                .to_owned(),
            ColumnDef::new(Credentials::HistoryFrom)
                .date()
                .null()
                .to_owned(),
            ColumnDef::new(Credentials::ExtractFrom)
                .date()
                .null()
                .to_owned(),
            ColumnDef::new(Credentials::OlderHistoryFrom)
                .date()
                .null()
                .to_owned(),
            ColumnDef::new(Credentials::ProductsCreated)
                .text()
                .not_null()
                .default("{}")
                .to_owned(),
            ColumnDef::new(Credentials::ProductsErrored)
                .text()
                .not_null()
                .default("{}")
                .to_owned(),
            ColumnDef::new(Credentials::LastError)
                .string_len(256)
                .null()
                .to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Credentials::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        // Credentials connected before extraction existed: extract them now.
        manager
            .exec_stmt(
                Query::update()
                    .table(Credentials::Table)
                    .value(
                        Credentials::NextExtractionAt,
                        Expr::col(Credentials::CreatedAt),
                    )
                    .and_where(Expr::col(Credentials::Status).eq("processing"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_credentials_next_extraction",
                Credentials::Table,
                vec![Credentials::NextExtractionAt.into_iden()],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CredentialTokens::Table)
                    .col(
                        ColumnDef::new(CredentialTokens::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CredentialTokens::CredentialId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CredentialTokens::Kind)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CredentialTokens::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(CredentialTokens::TokenEncrypted)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CredentialTokens::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(timestamp(CredentialTokens::ExpiresAt))
                    .col(nullable_timestamp(CredentialTokens::UsedAt))
                    .col(timestamp(CredentialTokens::CreatedAt))
                    .foreign_key(&mut credential_fk((
                        CredentialTokens::Table,
                        CredentialTokens::CredentialId,
                    )))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_credential_tokens_credential_kind",
                CredentialTokens::Table,
                vec![
                    CredentialTokens::CredentialId.into_iden(),
                    CredentialTokens::Kind.into_iden(),
                ],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DataRecords::Table)
                    .col(
                        ColumnDef::new(DataRecords::Id)
                            .string_len(24)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(DataRecords::CredentialId).uuid().not_null())
                    .col(
                        ColumnDef::new(DataRecords::Product)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(DataRecords::ParentId).string_len(24).null())
                    .col(ColumnDef::new(DataRecords::Position).integer().not_null())
                    .col(ColumnDef::new(DataRecords::Data).text().not_null())
                    .foreign_key(&mut credential_fk((
                        DataRecords::Table,
                        DataRecords::CredentialId,
                    )))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_data_records_credential_product",
                DataRecords::Table,
                vec![
                    DataRecords::CredentialId.into_iden(),
                    DataRecords::Product.into_iden(),
                    DataRecords::Position.into_iden(),
                ],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DataTransactions::Table)
                    .col(
                        ColumnDef::new(DataTransactions::Id)
                            .string_len(24)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(DataTransactions::CredentialId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DataTransactions::Product)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DataTransactions::ParentId)
                            .string_len(24)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DataTransactions::OperationDate)
                            .date()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DataTransactions::Seq)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DataTransactions::ParentSeq)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(DataTransactions::Data).text().not_null())
                    .foreign_key(&mut credential_fk((
                        DataTransactions::Table,
                        DataTransactions::CredentialId,
                    )))
                    .to_owned(),
            )
            .await?;
        // Keyset paging: a page is a range of `seq` (or `parent_seq` within one
        // parent), found through these indexes whatever the page number.
        let t = || DataTransactions::Table;
        for (name, cols) in [
            (
                "idx_data_transactions_seq",
                vec![
                    DataTransactions::CredentialId.into_iden(),
                    DataTransactions::Product.into_iden(),
                    DataTransactions::Seq.into_iden(),
                ],
            ),
            (
                "idx_data_transactions_parent_seq",
                vec![
                    DataTransactions::CredentialId.into_iden(),
                    DataTransactions::Product.into_iden(),
                    DataTransactions::ParentId.into_iden(),
                    DataTransactions::ParentSeq.into_iden(),
                ],
            ),
            (
                "idx_data_transactions_date",
                vec![
                    DataTransactions::CredentialId.into_iden(),
                    DataTransactions::Product.into_iden(),
                    DataTransactions::OperationDate.into_iden(),
                ],
            ),
            (
                "idx_data_transactions_parent_date",
                vec![
                    DataTransactions::CredentialId.into_iden(),
                    DataTransactions::Product.into_iden(),
                    DataTransactions::ParentId.into_iden(),
                    DataTransactions::OperationDate.into_iden(),
                ],
            ),
        ] {
            manager.create_index(index(name, t(), cols)).await?;
        }

        manager
            .alter_table(
                Table::alter()
                    .table(LinkFlows::Table)
                    .add_column(ColumnDef::new(LinkFlows::CredentialTokenId).uuid().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            DataTransactions::Table.into_iden(),
            DataRecords::Table.into_iden(),
            CredentialTokens::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(LinkFlows::Table)
                    .drop_column(LinkFlows::CredentialTokenId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_credentials_next_extraction")
                    .table(Credentials::Table)
                    .to_owned(),
            )
            .await?;
        // SQLite drops one column per ALTER TABLE.
        for column in [
            Credentials::NextExtractionAt,
            Credentials::ExtractionAttempts,
            Credentials::LeaseId,
            Credentials::LeaseUntil,
            Credentials::LastExtractedAt,
            Credentials::LastExtractionSecs,
            Credentials::HistoryFrom,
            Credentials::ExtractFrom,
            Credentials::OlderHistoryFrom,
            Credentials::ProductsCreated,
            Credentials::ProductsErrored,
            Credentials::LastError,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Credentials::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
