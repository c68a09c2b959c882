using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Data;

public sealed class PostgresBallotlineDb(DbContextOptions<PostgresBallotlineDb> options) : BallotlineDb(options);
