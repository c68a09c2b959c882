using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ballotline.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecordingMode",
                table: "Elections",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Anchors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ElectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TreeSize = table.Column<long>(type: "INTEGER", nullable: false),
                    Root = table.Column<string>(type: "TEXT", nullable: false),
                    Nonce = table.Column<long>(type: "INTEGER", nullable: false),
                    TransactionHash = table.Column<string>(type: "TEXT", nullable: false),
                    ReplacedHashes = table.Column<string>(type: "TEXT", nullable: false),
                    RawTransaction = table.Column<string>(type: "TEXT", nullable: false),
                    MaxFeePerGasWei = table.Column<string>(type: "TEXT", nullable: false),
                    PriorityFeePerGasWei = table.Column<string>(type: "TEXT", nullable: false),
                    BlockNumber = table.Column<long>(type: "INTEGER", nullable: true),
                    BlockHash = table.Column<string>(type: "TEXT", nullable: true),
                    GasUsed = table.Column<long>(type: "INTEGER", nullable: true),
                    EffectiveGasPriceWei = table.Column<string>(type: "TEXT", nullable: true),
                    FeeWei = table.Column<string>(type: "TEXT", nullable: true),
                    Confirmations = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    FailureReason = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MinedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinalAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CastToConfirmSeconds = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Anchors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Anchors_Elections_ElectionId",
                        column: x => x.ElectionId,
                        principalTable: "Elections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LedgerDeployments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChainId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContractAddress = table.Column<string>(type: "TEXT", nullable: false),
                    DeploymentTransaction = table.Column<string>(type: "TEXT", nullable: true),
                    DeployedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerDeployments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VerificationAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ElectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Verified = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationAttempts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Anchors_ElectionId_Kind_TreeSize",
                table: "Anchors",
                columns: new[] { "ElectionId", "Kind", "TreeSize" });

            migrationBuilder.CreateIndex(
                name: "IX_Anchors_Status",
                table: "Anchors",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Anchors_TransactionHash",
                table: "Anchors",
                column: "TransactionHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerDeployments_ChainId",
                table: "LedgerDeployments",
                column: "ChainId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VerificationAttempts_ElectionId_At",
                table: "VerificationAttempts",
                columns: new[] { "ElectionId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Anchors");

            migrationBuilder.DropTable(
                name: "LedgerDeployments");

            migrationBuilder.DropTable(
                name: "VerificationAttempts");

            migrationBuilder.DropColumn(
                name: "RecordingMode",
                table: "Elections");
        }
    }
}
