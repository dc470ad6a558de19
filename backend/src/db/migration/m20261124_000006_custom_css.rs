//! Custom CSS for the link widget: validated stylesheets by content hash,
//! each account's current and previous theme, and an audit log of changes.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CssVersions {
    Table,
    Id,
    AccountId,
    Hash,
    Css,
    FileName,
    Draft,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CssThemes {
    Table,
    AccountId,
    CurrentId,
    PreviousId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CssAudit {
    Table,
    Id,
    AccountId,
    Actor,
    Action,
    Hash,
    CreatedAt,
}

fn account_fk(table: impl IntoIden, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Accounts::Table, Accounts::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn version_fk(col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(CssThemes::Table, col)
        .to(CssVersions::Table, CssVersions::Id)
        .on_delete(ForeignKeyAction::SetNull)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CssVersions::Table)
                    .col(
                        ColumnDef::new(CssVersions::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CssVersions::AccountId).uuid().not_null())
                    .col(ColumnDef::new(CssVersions::Hash).string_len(64).not_null())
                    .col(ColumnDef::new(CssVersions::Css).text().not_null())
                    .col(ColumnDef::new(CssVersions::FileName).string_len(256).null())
                    .col(ColumnDef::new(CssVersions::Draft).boolean().not_null())
                    .col(
                        ColumnDef::new(CssVersions::CreatedBy)
                            .string_len(320)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CssVersions::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut account_fk(CssVersions::Table, CssVersions::AccountId))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_css_versions_hash", vec![CssVersions::Hash]),
            (
                "idx_css_versions_account",
                vec![CssVersions::AccountId, CssVersions::CreatedAt],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(CssVersions::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(CssThemes::Table)
                    .col(
                        ColumnDef::new(CssThemes::AccountId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CssThemes::CurrentId).uuid().null())
                    .col(ColumnDef::new(CssThemes::PreviousId).uuid().null())
                    .col(
                        ColumnDef::new(CssThemes::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut account_fk(CssThemes::Table, CssThemes::AccountId))
                    .foreign_key(&mut version_fk(CssThemes::CurrentId))
                    .foreign_key(&mut version_fk(CssThemes::PreviousId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CssAudit::Table)
                    .col(ColumnDef::new(CssAudit::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(CssAudit::AccountId).uuid().not_null())
                    .col(ColumnDef::new(CssAudit::Actor).string_len(320).not_null())
                    .col(ColumnDef::new(CssAudit::Action).string_len(32).not_null())
                    .col(ColumnDef::new(CssAudit::Hash).string_len(64).null())
                    .col(
                        ColumnDef::new(CssAudit::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut account_fk(CssAudit::Table, CssAudit::AccountId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_css_audit_account")
                    .table(CssAudit::Table)
                    .col(CssAudit::AccountId)
                    .col(CssAudit::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CssAudit::Table.into_iden(),
            CssThemes::Table.into_iden(),
            CssVersions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
