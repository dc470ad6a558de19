//! End users' bank connections (credentials), widget log-ins waiting for SCA
//! (link flows), and the one-use codes the widget hands back (link codes).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Apps {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Links {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Credentials {
    Table,
    Id,
    AccountId,
    AppId,
    LinkId,
    BankId,
    TokenHash,
    TokenEncrypted,
    IdentityFingerprint,
    SecretsEncrypted,
    ExternalId,
    Extra,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum LinkFlows {
    Table,
    Id,
    FlowHash,
    LinkId,
    BankId,
    SecretsEncrypted,
    Params,
    ExpiresAt,
    CompletedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LinkCodes {
    Table,
    Id,
    AppId,
    LinkId,
    CredentialId,
    CodeHash,
    CodeEncrypted,
    Extra,
    Status,
    ChecksDueAt,
    ReadyAt,
    ExpiresAt,
    UsedAt,
    CreatedAt,
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

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Credentials::Table)
                    .col(
                        ColumnDef::new(Credentials::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Credentials::AccountId).uuid().not_null())
                    .col(ColumnDef::new(Credentials::AppId).uuid().not_null())
                    .col(ColumnDef::new(Credentials::LinkId).uuid().null())
                    .col(
                        ColumnDef::new(Credentials::BankId)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Credentials::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Credentials::TokenEncrypted)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Credentials::IdentityFingerprint)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Credentials::SecretsEncrypted)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Credentials::ExternalId)
                            .string_len(256)
                            .null(),
                    )
                    .col(ColumnDef::new(Credentials::Extra).text().not_null())
                    .col(
                        ColumnDef::new(Credentials::Status)
                            .string_len(24)
                            .not_null(),
                    )
                    .col(timestamp(Credentials::CreatedAt))
                    .col(timestamp(Credentials::UpdatedAt))
                    .foreign_key(&mut fk(
                        (Credentials::Table, Credentials::AccountId),
                        (Accounts::Table, Accounts::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Credentials::Table, Credentials::AppId),
                        (Apps::Table, Apps::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Credentials::Table, Credentials::LinkId),
                        (Links::Table, Links::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_credentials_account_identity")
                    .table(Credentials::Table)
                    .col(Credentials::AccountId)
                    .col(Credentials::IdentityFingerprint)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_credentials_app_id")
                    .table(Credentials::Table)
                    .col(Credentials::AppId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LinkFlows::Table)
                    .col(
                        ColumnDef::new(LinkFlows::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(LinkFlows::FlowHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(LinkFlows::LinkId).uuid().not_null())
                    .col(ColumnDef::new(LinkFlows::BankId).string_len(64).not_null())
                    .col(
                        ColumnDef::new(LinkFlows::SecretsEncrypted)
                            .text()
                            .not_null(),
                    )
                    .col(ColumnDef::new(LinkFlows::Params).text().not_null())
                    .col(timestamp(LinkFlows::ExpiresAt))
                    .col(nullable_timestamp(LinkFlows::CompletedAt))
                    .col(timestamp(LinkFlows::CreatedAt))
                    .foreign_key(&mut fk(
                        (LinkFlows::Table, LinkFlows::LinkId),
                        (Links::Table, Links::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LinkCodes::Table)
                    .col(
                        ColumnDef::new(LinkCodes::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(LinkCodes::AppId).uuid().not_null())
                    .col(ColumnDef::new(LinkCodes::LinkId).uuid().not_null())
                    .col(ColumnDef::new(LinkCodes::CredentialId).uuid().not_null())
                    .col(
                        ColumnDef::new(LinkCodes::CodeHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(LinkCodes::CodeEncrypted).text().not_null())
                    .col(ColumnDef::new(LinkCodes::Extra).text().not_null())
                    .col(ColumnDef::new(LinkCodes::Status).string_len(16).not_null())
                    .col(nullable_timestamp(LinkCodes::ChecksDueAt))
                    .col(nullable_timestamp(LinkCodes::ReadyAt))
                    .col(timestamp(LinkCodes::ExpiresAt))
                    .col(nullable_timestamp(LinkCodes::UsedAt))
                    .col(timestamp(LinkCodes::CreatedAt))
                    .foreign_key(&mut fk(
                        (LinkCodes::Table, LinkCodes::AppId),
                        (Apps::Table, Apps::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (LinkCodes::Table, LinkCodes::LinkId),
                        (Links::Table, Links::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (LinkCodes::Table, LinkCodes::CredentialId),
                        (Credentials::Table, Credentials::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_link_codes_app_status")
                    .table(LinkCodes::Table)
                    .col(LinkCodes::AppId)
                    .col(LinkCodes::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_link_codes_link_id")
                    .table(LinkCodes::Table)
                    .col(LinkCodes::LinkId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LinkCodes::Table.into_iden(),
            LinkFlows::Table.into_iden(),
            Credentials::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
