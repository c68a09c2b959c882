using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ballotline.Server.Data.Migrations.Postgres
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
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Anchors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ElectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TreeSize = table.Column<long>(type: "bigint", nullable: false),
                    Root = table.Column<string>(type: "text", nullable: false),
                    Nonce = table.Column<long>(type: "bigint", nullable: false),
                    TransactionHash = table.Column<string>(type: "text", nullable: false),
                    ReplacedHashes = table.Column<string>(type: "text", nullable: false),
                    RawTransaction = table.Column<string>(type: "text", nullable: false),
                    MaxFeePerGasWei = table.Column<string>(type: "text", nullable: false),
                    PriorityFeePerGasWei = table.Column<string>(type: "text", nullable: false),
                    BlockNumber = table.Column<long>(type: "bigint", nullable: true),
                    BlockHash = table.Column<string>(type: "text", nullable: true),
                    GasUsed = table.Column<long>(type: "bigint", nullable: true),
                    EffectiveGasPriceWei = table.Column<string>(type: "text", nullable: true),
                    FeeWei = table.Column<string>(type: "text", nullable: true),
                    Confirmations = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    FailureReason = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MinedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinalAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CastToConfirmSeconds = table.Column<double>(type: "double precision", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChainId = table.Column<long>(type: "bigint", nullable: false),
                    ContractAddress = table.Column<string>(type: "text", nullable: false),
                    DeploymentTransaction = table.Column<string>(type: "text", nullable: true),
                    DeployedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerDeployments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VerificationAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ElectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Verified = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false)
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
