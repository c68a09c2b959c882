using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ballotline.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Feedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Feedback",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ElectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PilotVoterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Overall = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationEase = table.Column<int>(type: "INTEGER", nullable: false),
                    VotingEase = table.Column<int>(type: "INTEGER", nullable: false),
                    VerificationClarity = table.Column<int>(type: "INTEGER", nullable: false),
                    WouldTrust = table.Column<bool>(type: "INTEGER", nullable: false),
                    WouldUseAgain = table.Column<bool>(type: "INTEGER", nullable: false),
                    WhatWorked = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    WhatConfused = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Suggestions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    TechnicalIssues = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Feedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Feedback_Elections_ElectionId",
                        column: x => x.ElectionId,
                        principalTable: "Elections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_ElectionId_PilotVoterId",
                table: "Feedback",
                columns: new[] { "ElectionId", "PilotVoterId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Feedback");
        }
    }
}
