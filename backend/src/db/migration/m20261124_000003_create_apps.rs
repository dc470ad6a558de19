//! Apps with their client credentials, redirect URIs, links and API access tokens.

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
    AccountId,
    Name,
    NameKey,
    ClientId,
    SecretHash,
    SecretHint,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RedirectUris {
    Table,
    Id,
    AppId,
    Uri,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Links {
    Table,
    Id,
    AppId,
    RedirectUriId,
    Token,
    Name,
    CompanyName,
    TermsUrl,
    PrivacyUrl,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AccessTokens {
    Table,
    Id,
    AppId,
    AccessHash,
    RefreshHash,
    ExpiresAt,
    RefreshExpiresAt,
    RevokedAt,
    CreatedAt,
}

fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn cascade(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Apps::Table)
                    .col(ColumnDef::new(Apps::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Apps::AccountId).uuid().not_null())
                    .col(ColumnDef::new(Apps::Name).string_len(64).not_null())
                    .col(ColumnDef::new(Apps::NameKey).string_len(64).not_null())
                    .col(
                        ColumnDef::new(Apps::ClientId)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Apps::SecretHash).string_len(64).not_null())
                    .col(ColumnDef::new(Apps::SecretHint).string_len(8).not_null())
                    .col(timestamp(Apps::CreatedAt))
                    .col(timestamp(Apps::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (Apps::Table, Apps::AccountId),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_apps_account_name")
                    .table(Apps::Table)
                    .col(Apps::AccountId)
                    .col(Apps::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RedirectUris::Table)
                    .col(
                        ColumnDef::new(RedirectUris::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RedirectUris::AppId).uuid().not_null())
                    .col(
                        ColumnDef::new(RedirectUris::Uri)
                            .string_len(2048)
                            .not_null(),
                    )
                    .col(timestamp(RedirectUris::CreatedAt))
                    .foreign_key(&mut cascade(
                        (RedirectUris::Table, RedirectUris::AppId),
                        (Apps::Table, Apps::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_redirect_uris_app_uri")
                    .table(RedirectUris::Table)
                    .col(RedirectUris::AppId)
                    .col(RedirectUris::Uri)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Links::Table)
                    .col(ColumnDef::new(Links::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Links::AppId).uuid().not_null())
                    .col(ColumnDef::new(Links::RedirectUriId).uuid().not_null())
                    .col(
                        ColumnDef::new(Links::Token)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Links::Name).string_len(100).null())
                    .col(ColumnDef::new(Links::CompanyName).string_len(100).null())
                    .col(ColumnDef::new(Links::TermsUrl).string_len(2048).null())
                    .col(ColumnDef::new(Links::PrivacyUrl).string_len(2048).null())
                    .col(ColumnDef::new(Links::Active).boolean().not_null())
                    .col(timestamp(Links::CreatedAt))
                    .col(timestamp(Links::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (Links::Table, Links::AppId),
                        (Apps::Table, Apps::Id),
                    ))
                    // A URI in use cannot go: deleting it is refused, naming the links.
                    .foreign_key(
                        ForeignKey::create()
                            .from(Links::Table, Links::RedirectUriId)
                            .to(RedirectUris::Table, RedirectUris::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_links_app_id")
                    .table(Links::Table)
                    .col(Links::AppId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AccessTokens::Table)
                    .col(
                        ColumnDef::new(AccessTokens::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AccessTokens::AppId).uuid().not_null())
                    .col(
                        ColumnDef::new(AccessTokens::AccessHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(AccessTokens::RefreshHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(timestamp(AccessTokens::ExpiresAt))
                    .col(timestamp(AccessTokens::RefreshExpiresAt))
                    .col(
                        ColumnDef::new(AccessTokens::RevokedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(timestamp(AccessTokens::CreatedAt))
                    .foreign_key(&mut cascade(
                        (AccessTokens::Table, AccessTokens::AppId),
                        (Apps::Table, Apps::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_access_tokens_app_id")
                    .table(AccessTokens::Table)
                    .col(AccessTokens::AppId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AccessTokens::Table.into_iden(),
            Links::Table.into_iden(),
            RedirectUris::Table.into_iden(),
            Apps::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
