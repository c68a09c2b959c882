// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Ballotline's ballot ledger
/// @notice Anchors the Merkle roots of each election's ballot log (RFC 9162 hashing). It stores only what a
///         verifier needs and what keeps the log honest: whether an election is open or closed and the size of
///         its last anchored tree (which must only grow). Roots are in the events; the final root and the hash
///         of the published result are stored when the election closes. Only the authority writes; anyone reads.
contract BallotLedger {
    struct ElectionState {
        uint64 treeSize;
        bool opened;
        bool closed;
    }

    address public immutable authority;

    mapping(bytes32 electionId => ElectionState) public elections;
    mapping(bytes32 electionId => bytes32) public manifestHashes;
    mapping(bytes32 electionId => bytes32) public finalRoots;
    mapping(bytes32 electionId => bytes32) public resultHashes;

    event ElectionOpened(bytes32 indexed electionId, bytes32 manifestHash);
    event Anchored(bytes32 indexed electionId, uint64 treeSize, bytes32 root);
    event ElectionClosed(bytes32 indexed electionId, uint64 treeSize, bytes32 root, bytes32 resultHash);

    error NotAuthority();
    error AlreadyOpened(bytes32 electionId);
    error NotOpened(bytes32 electionId);
    error ElectionIsClosed(bytes32 electionId);
    error TreeMustGrow(uint64 anchored, uint64 proposed);

    constructor() {
        authority = msg.sender;
    }

    modifier onlyAuthority() {
        if (msg.sender != authority) revert NotAuthority();
        _;
    }

    function openElection(bytes32 electionId, bytes32 manifestHash) external onlyAuthority {
        if (elections[electionId].opened) revert AlreadyOpened(electionId);
        elections[electionId] = ElectionState({treeSize: 0, opened: true, closed: false});
        manifestHashes[electionId] = manifestHash;
        emit ElectionOpened(electionId, manifestHash);
    }

    /// @notice Records that the election's ballot log had `treeSize` leaves with Merkle root `root`.
    function anchor(bytes32 electionId, uint64 treeSize, bytes32 root) external onlyAuthority {
        ElectionState storage e = elections[electionId];
        if (!e.opened) revert NotOpened(electionId);
        if (e.closed) revert ElectionIsClosed(electionId);
        if (treeSize <= e.treeSize) revert TreeMustGrow(e.treeSize, treeSize);
        e.treeSize = treeSize;
        emit Anchored(electionId, treeSize, root);
    }

    /// @notice Closes the election with its final log root and the hash of the published result.
    function closeElection(bytes32 electionId, uint64 treeSize, bytes32 root, bytes32 resultHash) external onlyAuthority {
        ElectionState storage e = elections[electionId];
        if (!e.opened) revert NotOpened(electionId);
        if (e.closed) revert ElectionIsClosed(electionId);
        if (treeSize < e.treeSize) revert TreeMustGrow(e.treeSize, treeSize);
        e.treeSize = treeSize;
        e.closed = true;
        finalRoots[electionId] = root;
        resultHashes[electionId] = resultHash;
        emit ElectionClosed(electionId, treeSize, root, resultHash);
    }
}
