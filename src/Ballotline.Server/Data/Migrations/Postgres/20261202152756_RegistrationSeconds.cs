using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ballotline.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegistrationSeconds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "RegistrationSecondsTotal",
                table: "Elections",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<long>(
                name: "RegistrationsTimed",
                table: "Elections",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Voters already registered keep only the days from now on (Infrastructure/VoterTime).
            migrationBuilder.Sql("UPDATE \"PilotVoters\" SET \"InvitedAt\" = date_trunc('day', \"InvitedAt\" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' WHERE \"InvitedAt\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"PilotVoters\" SET \"InvitationUsedAt\" = date_trunc('day', \"InvitationUsedAt\" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', \"RegistrationStartedAt\" = date_trunc('day', \"RegistrationStartedAt\" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', \"RegisteredAt\" = date_trunc('day', \"RegisteredAt\" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' WHERE \"RegisteredAt\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RegistrationSecondsTotal",
                table: "Elections");

            migrationBuilder.DropColumn(
                name: "RegistrationsTimed",
                table: "Elections");
        }
    }
}
