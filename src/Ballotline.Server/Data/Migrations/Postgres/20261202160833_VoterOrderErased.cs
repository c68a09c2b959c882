using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ballotline.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VoterOrderErased : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "VoterOrderErased",
                table: "Elections",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VoterOrderErased",
                table: "Elections");
        }
    }
}
