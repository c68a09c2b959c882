using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ballotline.Server.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "TrusteeCount",
                table: "Elections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "Trustees",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ElectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TransportKey = table.Column<string>(type: "TEXT", nullable: true),
                    CommitmentJson = table.Column<string>(type: "TEXT", nullable: true),
                    CommittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EnvelopesJson = table.Column<string>(type: "TEXT", nullable: true),
                    SharedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecryptionJson = table.Column<string>(type: "TEXT", nullable: true),
                    DecryptedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
