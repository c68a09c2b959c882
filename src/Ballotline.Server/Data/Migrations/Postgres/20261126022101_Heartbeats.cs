using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ballotline.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Heartbeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Heartbeats",
                columns: table => new
                {
                    Slot = table.Column<long>(type: "bigint", nullable: false),
                    PeriodSeconds = table.Column<int>(type: "integer", nullable: false),
                    ChainConnected = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Heartbeats", x => x.Slot);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Heartbeats");
        }
    }
}
