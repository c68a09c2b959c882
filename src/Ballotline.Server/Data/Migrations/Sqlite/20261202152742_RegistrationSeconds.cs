using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ballotline.Server.Data.Migrations.Sqlite
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
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<long>(
                name: "RegistrationsTimed",
                table: "Elections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Voters already registered keep only the days from now on (Infrastructure/VoterTime): the stored values are
            // DateTimeOffsetToBinaryConverter's ((UTC ticks / 1000) << 11, offset 0), and a day is 864,000,000 of those.
            migrationBuilder.Sql("UPDATE \"PilotVoters\" SET \"InvitedAt\" = ((\"InvitedAt\" >> 11) / 864000000 * 864000000) << 11 WHERE \"InvitedAt\" IS NOT NULL AND (\"InvitedAt\" & 2047) = 0;");
            migrationBuilder.Sql("UPDATE \"PilotVoters\" SET \"InvitationUsedAt\" = ((\"InvitationUsedAt\" >> 11) / 864000000 * 864000000) << 11, \"RegistrationStartedAt\" = ((\"RegistrationStartedAt\" >> 11) / 864000000 * 864000000) << 11, \"RegisteredAt\" = ((\"RegisteredAt\" >> 11) / 864000000 * 864000000) << 11 WHERE \"RegisteredAt\" IS NOT NULL AND (\"RegisteredAt\" & 2047) = 0;");
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
