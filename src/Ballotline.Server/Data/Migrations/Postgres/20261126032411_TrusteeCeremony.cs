using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ballotline.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrusteeCeremony : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Quorum",
                table: "Elections",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "TrusteeCount",
                table: "Elections",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "Trustees",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ElectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TransportKey = table.Column<string>(type: "text", nullable: true),
                    CommitmentJson = table.Column<string>(type: "text", nullable: true),
                    CommittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EnvelopesJson = table.Column<string>(type: "text", nullable: true),
                    SharedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecryptionJson = table.Column<string>(type: "text", nullable: true),
                    DecryptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Trustees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Trustees_Elections_ElectionId",
                        column: x => x.ElectionId,
                        principalTable: "Elections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Trustees_ElectionId_Index",
                table: "Trustees",
                columns: new[] { "ElectionId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Trustees_TokenHash",
                table: "Trustees",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Trustees");

            migrationBuilder.DropColumn(
                name: "Quorum",
                table: "Elections");

            migrationBuilder.DropColumn(
                name: "TrusteeCount",
                table: "Elections");
        }
    }
}
