//! The bank catalogue: one row per bank a link can connect to.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Banks {
    Table,
    Id,
    Name,
    Country,
    LogoSvg,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Banks::Table)
                    .col(
                        ColumnDef::new(Banks::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Banks::Name).string_len(128).not_null())
                    .col(ColumnDef::new(Banks::Country).string_len(2).not_null())
                    .col(ColumnDef::new(Banks::LogoSvg).text().not_null())
                    .col(
                        ColumnDef::new(Banks::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Banks::Table).to_owned())
            .await
    }
}
